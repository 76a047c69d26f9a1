import { ArrowLeftOutlined, CalculatorOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Flex, Grid, Result, Row, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { usePolicy } from '../../api/queries';
import type { ConditionText } from '../../api/types';
import { ButtonLink } from '../../components/button-link';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { PolicyTags } from './policy-tags';
import { usePolicyScope } from './scope';

/** A condition tree as nested lists: a group's heading, then its sub-conditions. */
function Conditions({ node }: { node: ConditionText }) {
  return (
    <>
      <Typography.Text>{node.text}</Typography.Text>
      {node.children?.length ? (
        <ul className="condition-list">
          {node.children.map((child, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the tree is static text in a fixed order
            <li key={i}>
              <Conditions node={child} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card size="small" title={<h2 className="card-heading">{title}</h2>}>
      {children}
    </Card>
  );
}

/** One policy in plain words: who qualifies, what they get and how, what to provide, the original text. */
export default function PolicyDetailPage() {
  const { t } = useTranslation();
  const { district, base } = usePolicyScope();
  const { policyId = '' } = useParams();
  const policy = usePolicy(district, policyId);
  const screens = Grid.useBreakpoint();
  const back = (
    <Link to={`${base}/policies`}>
      <ArrowLeftOutlined aria-hidden /> {t('policies.backToList')}
    </Link>
  );

  if (policy.isPending) return <Loading />;
  if (policy.isError) {
    if (policy.error instanceof ApiError && policy.error.status === 404)
      return <Result status="404" title={t('policies.notFound')} extra={back} />;
    return (
      <QueryError
        title={t('policies.detailLoadFailed')}
        error={policy.error}
        onRetry={() => void policy.refetch()}
      />
    );
  }
  const p = policy.data;
  const calculatorLink = `${base}/calculator?audience=${p.audience}&policy=${encodeURIComponent(p.policyId)}`;
  const calculateButton = (
    <ButtonLink to={calculatorLink} type="primary" icon={<CalculatorOutlined aria-hidden />} block>
      {t('policies.calculateThis')}
    </ButtonLink>
  );

  return (
    <Flex vertical gap={16}>
      <div>{back}</div>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 8, fontSize: 26 }}>
          {p.title}
        </Typography.Title>
        <PolicyTags
          audience={p.audience}
          kind={p.kind}
          automatic={p.automatic}
          illustrative={p.illustrative}
          inForce={p.inForce}
        />
        {p.summary ? (
          <Typography.Paragraph className="policy-summary">{p.summary}</Typography.Paragraph>
        ) : null}
      </header>
      {p.automatic ? <Alert type="success" showIcon title={t('policies.automaticHint')} /> : null}
      {p.illustrative ? <Alert type="warning" showIcon title={t('policies.illustrativeHint')} /> : null}
      {screens.lg ? null : calculateButton}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Section title={t('policies.conditions')}>
              <Conditions node={p.conditions} />
            </Section>
            <Section title={t('policies.amount')}>
              <Typography.Paragraph style={{ fontSize: 16 }}>{p.amountText}</Typography.Paragraph>
              {p.schedule.length ? (
                <>
                  <Typography.Text strong>{t('policies.schedule')}</Typography.Text>
                  <ul className="plain-list">
                    {p.schedule.map((s) => (
                      <li key={s.text}>{s.text}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Section>
            <Section title={t('policies.materials')}>
              {p.materials.length ? (
                <ul className="plain-list">
                  {p.materials.map((m) => (
                    <li key={m.id}>
                      {m.name} {m.optional ? <Tag>{t('policies.optional')}</Tag> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <Typography.Text type="secondary">{t('policies.noMaterials')}</Typography.Text>
              )}
            </Section>
            {p.reviewStages.length ? (
              <Section title={t('policies.review')}>
                <Steps
                  orientation={screens.md ? 'horizontal' : 'vertical'}
                  size="small"
                  current={-1}
                  items={p.reviewStages.map((s) => ({
                    title: s.name,
                    content: s.days ? t('policies.days', { days: s.days }) : undefined,
                  }))}
                />
              </Section>
            ) : null}
            {p.originalText ? (
              <Section title={t('policies.originalText')}>
                <blockquote className="original-text" lang="zh-CN">
                  {p.originalText}
                </blockquote>
              </Section>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            {screens.lg ? <Card size="small">{calculateButton}</Card> : null}
            <Section title={t('policies.basics')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'department', label: t('policies.department'), children: p.department ?? '—' },
                  { key: 'audience', label: t('policies.audience'), children: t(`audiences.${p.audience}`) },
                  {
                    key: 'grantMode',
                    label: t('policies.grantMode'),
                    children: p.automatic ? t('policies.automatic') : t('policies.apply'),
                  },
                  {
                    key: 'effective',
                    label: t('policies.effective'),
                    children: p.effective.to
                      ? t('policies.effectiveRange', { from: p.effective.from, to: p.effective.to })
                      : t('policies.effectiveOpen', { from: p.effective.from }),
                  },
                  ...(p.reference
                    ? [
                        {
                          key: 'reference',
                          label: t('policies.reference'),
                          children: `${p.reference.title} ${p.reference.article}`.trim(),
                        },
                      ]
                    : []),
                  ...(p.fund ? [{ key: 'fund', label: t('policies.fund'), children: p.fund }] : []),
                  {
                    key: 'version',
                    label: t('policies.version'),
                    children: t('policies.versionValue', p.packVersion),
                  },
                ]}
              />
            </Section>
            {p.exclusivity ? (
              <Section title={t('policies.exclusivity')}>
                <Typography.Paragraph strong>{p.exclusivity.name}</Typography.Paragraph>
                <Typography.Paragraph>{p.exclusivity.resolutionText}</Typography.Paragraph>
                <Typography.Text type="secondary">{t('policies.otherMembers')}</Typography.Text>
                <ul className="plain-list">
                  {p.exclusivity.members.map((m) => (
                    <li key={m.policyId}>
                      <Link to={`${base}/policies/${m.policyId}`}>{m.title}</Link>
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
