/** The talent's certification: the tier the catalogue gives them and why, applying, their cases and history. */
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CertificationCase,
  type CertificationPath,
  certificatePdfUrl,
  useApplyCertification,
  useCertification,
  useCertificationEvaluation,
  useCertificationHistory,
  useCertifications,
  useCurrentCertification,
  useResubmitCertification,
} from '../../api/certification';
import { ApiError, errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { CaseFile, DownloadCertificate, StatusTag, TierExplanations } from './parts';

const TALENT_PATHS: CertificationPath[] = ['catalogue', 'expert_recommendation', 'committee'];

type ApplyValues = {
  path: CertificationPath;
  tier: string;
  recommenderName?: string;
  recommenderTitle?: string;
  statement?: string;
};

function ApplyForm({ tiers, defaultTier }: { tiers: { id: string; name: string }[]; defaultTier?: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const apply = useApplyCertification(user.district);
  const [form] = Form.useForm<ApplyValues>();
  const path = Form.useWatch('path', form);
  // one key per filled-in form: a double click or a retry submits the same case
  const [key, setKey] = useState(() => crypto.randomUUID());
  const needsStatement = path === 'expert_recommendation' || path === 'committee';
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ path: 'catalogue', tier: defaultTier }}
      onValuesChange={() => setKey(crypto.randomUUID())}
      onFinish={(values) =>
        apply.mutate(
          { body: { ...values }, idempotencyKey: key },
          {
            onSuccess: (detail) => {
              message.success(t('certification.submitted', { code: detail.case.caseCode }));
              form.resetFields();
            },
          },
        )
      }
    >
      <Form.Item
        name="path"
        label={t('certification.path')}
        rules={[{ required: true, message: t('certification.pathRequired') }]}
      >
        <Select options={TALENT_PATHS.map((p) => ({ value: p, label: t(`certification.paths.${p}`) }))} />
      </Form.Item>
      {path ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t(`certification.pathHints.${path}`)}
        </Typography.Paragraph>
      ) : null}
      <Form.Item
        name="tier"
        label={t('certification.tier')}
        rules={[{ required: true, message: t('certification.tierRequired') }]}
      >
        <Select options={tiers.map((tier) => ({ value: tier.id, label: `${tier.id} · ${tier.name}` }))} />
      </Form.Item>
      {path === 'expert_recommendation' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="recommenderName"
              label={t('certification.recommenderName')}
              rules={[
                { required: true, whitespace: true, message: t('certification.recommenderNameRequired') },
              ]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="recommenderTitle" label={t('certification.recommenderTitle')}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      {needsStatement ? (
        <Form.Item
          name="statement"
          label={t('certification.statement')}
          rules={
            path === 'expert_recommendation'
              ? [{ required: true, whitespace: true, message: t('certification.statementRequired') }]
              : []
          }
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      ) : null}
      {apply.isError ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(apply.error)} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={apply.isPending}>
        {t('certification.submit')}
      </Button>
    </Form>
  );
}

function CaseDetailCard({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const detail = useCertification(user.district, id);
  const resubmit = useResubmitCertification(user.district);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <QueryError title={t('certification.loadFailed')} error={detail.error} />;
  const d = detail.data;
  return (
    <Card
      title={t('certification.caseTitle', { code: d.case.caseCode })}
      extra={<Button onClick={onClose}>{t('certification.close')}</Button>}
    >
      <CaseFile
        detail={d}
        showTalent={false}
        actions={
          <Flex gap={8} wrap>
            {d.actions.download ? (
              <DownloadCertificate href={certificatePdfUrl(user.district, d.case.id)} />
            ) : null}
            {d.actions.resubmit ? (
              <Button loading={resubmit.isPending} onClick={() => resubmit.mutate({ id: d.case.id })}>
                {t('certification.resubmit')}
              </Button>
            ) : null}
            {resubmit.isError ? <Alert type="error" showIcon title={errorMessage(resubmit.error)} /> : null}
          </Flex>
        }
      />
    </Card>
  );
}

export function TalentCertification() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const evaluation = useCertificationEvaluation(user.district);
  const current = useCurrentCertification(user.district);
  const cases = useCertifications(user.district, {});
  const history = useCertificationHistory(user.district, undefined, evaluation.isSuccess);
  const [open, setOpen] = useState<number | undefined>();

  const columns: ColumnsType<CertificationCase> = useMemo(
    () => [
      {
        title: t('certification.columns.code'),
        dataIndex: 'caseCode',
        render: (c: string) => <code>{c}</code>,
      },
      { title: t('certification.columns.path'), dataIndex: 'pathLabel' },
      {
        title: t('certification.columns.tier'),
        dataIndex: 'requestedTier',
        render: (_: string, c) => `${c.tier ?? c.requestedTier} · ${c.tierName ?? c.requestedTierName}`,
      },
      {
        title: t('certification.columns.status'),
        dataIndex: 'status',
        render: (_: string, c) => <StatusTag status={c.status} label={c.statusLabel} />,
      },
      {
        title: t('certification.columns.action'),
        key: 'action',
        render: (_: unknown, c) => (
          <Button
            size="small"
            onClick={() => setOpen(c.id)}
            aria-label={`${t('certification.open')} ${c.caseCode}`}
          >
            {t('certification.open')}
          </Button>
        ),
      },
    ],
    [t],
  );

  if (evaluation.isPending) return <Loading />;
  if (evaluation.isError) {
    const noRecord = evaluation.error instanceof ApiError && evaluation.error.status === 404;
    return noRecord ? (
      <Alert
        type="info"
        showIcon
        title={t('certification.noRecord')}
        description={t('certification.noRecordHint')}
      />
    ) : (
      <QueryError
        title={t('certification.loadFailed')}
        error={evaluation.error}
        onRetry={() => void evaluation.refetch()}
      />
    );
  }
  const e = evaluation.data.evaluation;
  const cur = current.data?.certification;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('certification.qualifyTitle')} style={{ height: '100%' }}>
            <Flex vertical gap={8}>
              <Typography.Title level={3} style={{ margin: 0, fontSize: 20 }}>
                {e.tier !== 'NONE'
                  ? t('certification.qualifies', { tier: `${e.tier} · ${e.tierName}` })
                  : t('certification.qualifiesNone')}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('certification.catalogue', { name: e.catalogueName, years: e.validityYears })}
              </Typography.Text>
              {e.missing.length ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('certification.notDefinite')}
                  description={e.missing.map((m) => m.label).join(i18n.language === 'en' ? ', ' : '、')}
                />
              ) : null}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('certification.currentTitle')} style={{ height: '100%' }}>
            {cur ? (
              <Flex vertical gap={8}>
                <Typography.Title level={3} style={{ margin: 0, fontSize: 20 }}>
                  {cur.tier} · {cur.tierName}
                </Typography.Title>
                <span>{t('certification.validity', { from: cur.validFrom, to: cur.validTo })}</span>
                <Typography.Text type="secondary">
                  {t('certification.certificateNo', { no: cur.certificateNo })}
                </Typography.Text>
                <Flex gap={8} wrap>
                  <DownloadCertificate href={certificatePdfUrl(user.district, cur.id)} />
                  <Button href={`/verify/certificate/${cur.certificateNo}`} target="_blank">
                    {t('certification.verifyLink')}
                  </Button>
                </Flex>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('certification.currentNone')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('certification.tiersTitle')}>
        <TierExplanations evaluation={e} />
      </Card>
      <Card title={t('certification.applyTitle')}>
        <Typography.Paragraph type="secondary">{t('certification.applyIntro')}</Typography.Paragraph>
        <ApplyForm tiers={evaluation.data.tiers} defaultTier={e.tier !== 'NONE' ? e.tier : undefined} />
      </Card>
      <Card title={t('certification.casesTitle')}>
        {cases.isError ? (
          <QueryError title={t('certification.loadFailed')} error={cases.error} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={cases.data?.items ?? []}
            loading={cases.isFetching}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{ emptyText: t('certification.casesEmpty') }}
          />
        )}
      </Card>
      {open !== undefined ? <CaseDetailCard id={open} onClose={() => setOpen(undefined)} /> : null}
      <Card title={t('certification.historyTitle')}>
        {history.data?.events.length ? (
          <ul style={{ paddingLeft: 18, margin: 0 }}>
            {history.data.events.map((ev) => (
              <li key={ev.id}>
                <Typography.Text type="secondary">{ev.at.slice(0, 10)}</Typography.Text> {ev.actionLabel}
                {ev.reason ? `${i18n.language === 'en' ? ': ' : '：'}${ev.reason}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('certification.historyEmpty')}</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}
