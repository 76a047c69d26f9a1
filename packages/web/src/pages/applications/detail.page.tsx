/** One application and its timeline: each step and who holds it, the deadline clock, budget and payments, every act. */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Popconfirm,
  Result,
  Row,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApplication, useResubmit, useWithdraw } from '../../api/claims';
import { ApiError, errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { ReviewButtons } from '../review/applications-tab';
import { money, PayTag, pick, StatusTag, when } from './parts';

const stepStatus = {
  done: 'finish',
  current: 'process',
  pending: 'wait',
  returned: 'error',
  rejected: 'error',
  withdrawn: 'wait',
} as const;

export default function ApplicationDetailPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { applicationId = '0' } = useParams();
  const id = Number(applicationId);
  const app = useApplication(user.district, id);
  const withdraw = useWithdraw(user.district);
  const resubmit = useResubmit(user.district);
  const { message } = App.useApp();
  const lang = i18n.language;

  const back = <Link to="/applications">{t('claims.detail.back')}</Link>;
  if (app.isPending) return <Loading />;
  if (app.isError) {
    if (app.error instanceof ApiError && (app.error.status === 404 || app.error.status === 403))
      return <Result status="404" title={t('claims.detail.notFound')} extra={back} />;
    return (
      <QueryError
        title={t('claims.detail.loadFailed')}
        error={app.error}
        onRetry={() => void app.refetch()}
      />
    );
  }
  const a = app.data;
  const current = a.stages.findIndex((s) => s.state !== 'done');
  const fundName = a.budget.fund ? pick(lang, a.budget.fund.name) : a.fundCode;

  return (
    <Flex vertical gap={16}>
      {user.role !== 'reviewer' && user.role !== 'admin' ? <div>{back}</div> : null}
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 8, fontSize: 24 }}>
          {pick(lang, a.title)}
        </Typography.Title>
        <Flex wrap gap={8} align="center">
          <StatusTag status={a.status} />
          <span>{t('claims.yuan', { amount: money(a.amount) })}</span>
          <Typography.Text type="secondary">{a.subjectName}</Typography.Text>
          {a.stationName ? (
            <Tag color="purple">
              {t('claims.detail.byStation', { station: a.stationName, name: a.subjectName })}
            </Tag>
          ) : null}
        </Flex>
      </header>
      {a.decisionReason && (a.status === 'returned' || a.status === 'rejected') ? (
        <Alert
          type={a.status === 'returned' ? 'warning' : 'error'}
          showIcon
          title={t('claims.detail.decision', { reason: a.decisionReason })}
        />
      ) : null}
      <Flex wrap gap={8}>
        {a.can.resubmit ? (
          <Button
            type="primary"
            loading={resubmit.isPending}
            onClick={() => resubmit.mutate(a.id, { onError: (e) => message.error(errorMessage(e)) })}
          >
            {t('claims.detail.resubmit')}
          </Button>
        ) : null}
        {a.can.withdraw ? (
          <Popconfirm
            title={t('claims.detail.withdrawConfirm')}
            onConfirm={() => withdraw.mutate(a.id, { onError: (e) => message.error(errorMessage(e)) })}
          >
            <Button danger loading={withdraw.isPending}>
              {t('claims.detail.withdraw')}
            </Button>
          </Popconfirm>
        ) : null}
        {a.can.review ? <ReviewButtons application={a} /> : null}
      </Flex>
      <Card size="small" title={<h2 className="card-heading">{t('claims.detail.stages')}</h2>}>
        <Steps
          direction="vertical"
          size="small"
          current={current === -1 ? a.stages.length : current}
          items={a.stages.map((s) => ({
            status: stepStatus[s.state],
            title: `${pick(lang, s.name)} · ${t(`claims.stageState.${s.state}`)}`,
            description: (
              <Flex vertical>
                <span>{t('claims.detail.holder', { holder: pick(lang, s.holderName) })}</span>
                {s.dueAt ? (
                  <span>
                    {t('claims.detail.dueAt', { date: when(s.dueAt) })}{' '}
                    {s.overdue ? <Tag color="error">{t('claims.detail.overdue')}</Tag> : null}
                  </span>
                ) : null}
              </Flex>
            ),
          }))}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small" title={<h2 className="card-heading">{t('claims.detail.budget')}</h2>}>
            {a.budget.committed && a.budget.fund ? (
              <Typography.Text>
                {t('claims.detail.budgetCommitted', {
                  fund: fundName,
                  remaining: money(a.budget.fund.remaining),
                })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">
                {t('claims.detail.budgetPending', { fund: fundName })}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={<h2 className="card-heading">{t('claims.detail.payments')}</h2>}>
            {a.payments.length === 0 ? (
              <Typography.Text type="secondary">{t('claims.detail.noPayments')}</Typography.Text>
            ) : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={a.payments}
                columns={[
                  { title: '#', key: 'n', render: (_, p) => p.instalment + 1 },
                  {
                    title: t('claims.fulfilment.dueDate'),
                    key: 'due',
                    render: (_, p) => `${p.dueDate}${p.conditional ? t('claims.detail.conditional') : ''}`,
                  },
                  { title: t('claims.list.amount'), key: 'amt', render: (_, p) => money(p.amount) },
                  {
                    title: t('claims.list.statusCol'),
                    key: 's',
                    render: (_, p) => <PayTag status={p.status} />,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={<h2 className="card-heading">{t('claims.detail.materials')}</h2>}>
        <Descriptions column={1} size="small">
          {a.materials.map((m) => (
            <Descriptions.Item key={m.id} label={pick(lang, m.name)}>
              {m.documentId ? (
                <Tag color="success">{t('claims.detail.materialOnFile')}</Tag>
              ) : (
                <Tag color={m.optional ? 'default' : 'warning'}>{t('claims.detail.materialMissing')}</Tag>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={<h2 className="card-heading">{t('claims.detail.timeline')}</h2>}>
        <Timeline
          items={a.events.map((e) => ({
            key: e.id,
            color:
              e.action === 'rejected' || e.action === 'payment_failed'
                ? 'red'
                : e.action === 'returned'
                  ? 'orange'
                  : 'green',
            children: (
              <Flex vertical>
                <Typography.Text strong>
                  {t(`claims.actions.${e.action}`, { defaultValue: e.action })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {when(e.at)} ·{' '}
                  {e.stationName
                    ? t('claims.detail.byStation', {
                        station: e.stationName,
                        name: e.onBehalfOf ?? a.subjectName,
                      })
                    : e.actorName}
                </Typography.Text>
                {e.reason ? <span>{t('claims.detail.reason', { reason: e.reason })}</span> : null}
              </Flex>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}
