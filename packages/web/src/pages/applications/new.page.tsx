/** 一键申领: the claim pre-filled from the record — verdict, amount, schedule, materials, steps — and one button. */
import { Alert, App, Button, Card, Descriptions, Flex, List, Result, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { newIdempotencyKey, useApply, usePreview } from '../../api/claims';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { ButtonLink } from '../../components/button-link';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { money, pick } from './parts';

export default function NewApplicationPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [params] = useSearchParams();
  const policyId = params.get('policy') ?? '';
  const talentParam = params.get('talent');
  const talentId = talentParam ? Number(talentParam) : undefined;
  const preview = usePreview(user.district, policyId, talentId);
  const apply = useApply(user.district);
  const navigate = useNavigate();
  const { message } = App.useApp();
  // One key per visit of this page: a double click or a retry replays instead of creating twice.
  const key = useMemo(() => newIdempotencyKey(), []);
  const lang = i18n.language;

  const heading = (
    <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
      {t('claims.new.title')}
    </Typography.Title>
  );
  if (!policyId)
    return (
      <Flex vertical>
        {heading}
        <Result status="info" title={t('claims.new.noPolicy')} />
      </Flex>
    );
  if (preview.isPending) return <Loading />;
  if (preview.isError)
    return (
      <Flex vertical gap={16}>
        {heading}
        <QueryError
          title={t('claims.new.loadFailed')}
          error={preview.error}
          onRetry={() => void preview.refetch()}
        />
      </Flex>
    );
  const p = preview.data;
  const eligible = p.verdict === 'eligible';
  const submit = () =>
    apply.mutate(
      { policyId, talentId, key },
      {
        onSuccess: (created) => {
          message.success(t('claims.new.submitted'));
          navigate(`/applications/${created.id}`);
        },
      },
    );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      {heading}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('claims.new.intro')}
      </Typography.Paragraph>
      {p.actingStation ? (
        <Alert
          type="info"
          showIcon
          title={t('claims.new.actingFor', { station: p.actingStation, name: p.subject.name })}
        />
      ) : null}
      <Card title={<h2 className="card-heading">{pick(lang, p.policy.title)}</h2>} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('claims.new.verdict')}>
            {eligible ? (
              <Tag color="success">{t('claims.new.eligible')}</Tag>
            ) : (
              <Tag color="warning">{t('claims.new.notEligible')}</Tag>
            )}{' '}
            {eligible ? null : pick(lang, p.summary)}
          </Descriptions.Item>
          <Descriptions.Item label={t('claims.new.amount')}>
            {t('claims.yuan', { amount: money(p.amount) })}
          </Descriptions.Item>
          {p.schedule.length > 1 ? (
            <Descriptions.Item label={t('claims.new.schedule')}>
              <Flex vertical>
                {p.schedule.map((s, i) => (
                  <span key={s.dueDate + String(i)}>
                    {t('claims.new.instalment', { n: i + 1, amount: money(s.amount), date: s.dueDate })}
                  </span>
                ))}
              </Flex>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {p.policy.summary ? (
          <Typography.Paragraph>{pick(lang, p.policy.summary)}</Typography.Paragraph>
        ) : null}
      </Card>
      <Card title={<h2 className="card-heading">{t('claims.new.materials')}</h2>} size="small">
        {p.materials.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={p.materials}
            renderItem={(m) => (
              <List.Item>
                <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                  <span>
                    {pick(lang, m.name)}
                    {m.optional ? t('claims.new.optional') : ''}
                  </span>
                  {m.documentId ? (
                    <Tag color="success">{t('claims.new.onFile', { file: m.fileName ?? m.documentId })}</Tag>
                  ) : (
                    <Tag color={m.optional ? 'default' : 'warning'}>{t('claims.new.missing')}</Tag>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={<h2 className="card-heading">{t('claims.new.stages')}</h2>} size="small">
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {p.stages.map((s) => (
            <li key={s.id}>
              {pick(lang, s.name)} —{' '}
              {t('claims.new.stageLine', { holder: pick(lang, s.holderName), days: s.days })}
            </li>
          ))}
        </ol>
      </Card>
      {p.policy.grantMode === 'automatic' ? (
        <Alert type="info" showIcon title={t('claims.new.automatic')} />
      ) : null}
      {p.openApplicationId ? (
        <Alert
          type="warning"
          showIcon
          title={t('claims.new.openExists')}
          action={
            <ButtonLink to={`/applications/${p.openApplicationId}`}>{t('claims.new.viewOpen')}</ButtonLink>
          }
        />
      ) : null}
      {p.grantedAlready ? <Alert type="success" showIcon title={t('claims.new.granted')} /> : null}
      {p.groupGrantedPolicy ? <Alert type="warning" showIcon title={t('claims.new.groupGranted')} /> : null}
      {!eligible && p.missingFacts.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('claims.new.missingFacts')}
          description={pick(lang, p.summary)}
        />
      ) : null}
      {apply.isError ? <Alert type="error" showIcon title={errorMessage(apply.error)} /> : null}
      <div>
        <Button type="primary" size="large" disabled={!p.canApply} loading={apply.isPending} onClick={submit}>
          {apply.isPending ? t('claims.new.submitting') : t('claims.new.submit')}
        </Button>
      </div>
    </Flex>
  );
}
