/** The bank's 人才贷 inbox (desktop): applications sent with consent, only the shared data, approve or decline. */
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LoanApplication, useAnswerLoan, useLoanInbox } from '../../api/services';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

function sharedValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object' && v !== null && 'name' in v) return String((v as { name: unknown }).name);
  return String(v);
}

function Answer({
  app,
  mode,
  onClose,
}: {
  app: LoanApplication;
  mode: 'approve' | 'decline';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { district } = useUser();
  const answer = useAnswerLoan(district);
  const [form] = Form.useForm<{ amount: number; reason: string }>();
  return (
    <Modal
      open
      title={mode === 'approve' ? t('services.bank.approve') : t('services.bank.decline')}
      okText={t('services.bank.confirm')}
      confirmLoading={answer.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: app.amount }}
        onFinish={(v) =>
          answer.mutate(
            {
              applicationId: app.id,
              answer:
                mode === 'approve'
                  ? { decision: 'approve', amount: v.amount }
                  : { decision: 'decline', reason: v.reason },
            },
            { onSuccess: onClose },
          )
        }
      >
        {mode === 'approve' ? (
          <Form.Item
            name="amount"
            label={t('services.bank.approveAmount')}
            rules={[{ required: true, message: t('services.required') }]}
          >
            <InputNumber min={app.product.minAmount} max={app.product.maxAmount} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="reason"
            label={t('services.bank.declineReason')}
            rules={[{ required: true, message: t('services.required') }]}
          >
            <Input.TextArea maxLength={500} />
          </Form.Item>
        )}
        <ActionError error={answer.error} />
      </Form>
    </Modal>
  );
}

export default function BankInboxPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const f = useFormat();
  const inbox = useLoanInbox(district);
  const [answering, setAnswering] = useState<{ app: LoanApplication; mode: 'approve' | 'decline' }>();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.bank.title')} intro={t('services.bank.intro')} />
      {answering ? (
        <Answer app={answering.app} mode={answering.mode} onClose={() => setAnswering(undefined)} />
      ) : null}
      {inbox.isError ? (
        <QueryError
          title={t('services.loadFailed')}
          error={inbox.error}
          onRetry={() => void inbox.refetch()}
        />
      ) : null}
      <List
        loading={inbox.isPending}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('services.bank.empty')} /> }}
        renderItem={(a) => (
          <List.Item>
            <Card
              size="small"
              style={{ width: '100%' }}
              title={`${a.product.name} · ${t('services.yuan', { amount: f.money(a.amount) })}`}
              extra={
                <Tag color={a.status === 'approved' ? 'green' : a.status === 'declined' ? 'red' : 'blue'}>
                  {t(`services.loans.status.${a.status}`)}
                </Tag>
              }
            >
              <Flex vertical gap={8}>
                <Descriptions size="small" column={{ xs: 1, md: 3 }} title={t('services.bank.applicant')}>
                  {Object.entries(a.shared).map(([k, v]) => (
                    <Descriptions.Item
                      key={k}
                      label={t(`services.loans.fields.${k as 'name'}`, { defaultValue: k })}
                    >
                      {sharedValue(v)}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
                <span>
                  {t('services.bank.purpose')}：{a.purpose}
                </span>
                <Typography.Text type="secondary">
                  {t('services.bank.consent')}：{a.consentText}（{f.dateTime(a.consentedAt)}）
                </Typography.Text>
                {a.status === 'approved' && a.approvedAmount !== null ? (
                  <span>{t('services.loans.approved', { amount: f.money(a.approvedAmount) })}</span>
                ) : null}
                {a.status === 'declined' ? (
                  <span>{t('services.loans.declined', { reason: a.decisionReason ?? '' })}</span>
                ) : null}
                {a.status === 'submitted' ? (
                  <Flex gap={8}>
                    <Button type="primary" onClick={() => setAnswering({ app: a, mode: 'approve' })}>
                      {t('services.bank.approve')}
                    </Button>
                    <Button danger onClick={() => setAnswering({ app: a, mode: 'decline' })}>
                      {t('services.bank.decline')}
                    </Button>
                  </Flex>
                ) : null}
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    </Flex>
  );
}
