/** What a reviewer or the committee does on a case: review, draw the panel, close scoring, decide, revoke. */
import { Alert, Button, Card, Flex, Form, Input, InputNumber, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CertificationCaseDetail,
  useCloseScoring,
  useDecideCommittee,
  useDrawPanel,
  useReviewCertification,
  useRevokeCertification,
} from '../../api/certification';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';

function Failure({ error }: { error: unknown }) {
  return error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null;
}

/** The department's decision: approve, reject or return for correction (a reason for the last two). */
export function ReviewActions({ detail }: { detail: CertificationCaseDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const review = useReviewCertification(user.district);
  const [form] = Form.useForm<{ reason?: string }>();
  if (!detail.actions.review) return null;
  const act = (decision: 'approve' | 'reject' | 'return') => {
    const reason = (form.getFieldValue('reason') as string | undefined)?.trim();
    if (decision !== 'approve' && !reason) {
      form.setFields([{ name: 'reason', errors: [t('certification.reasonRequired')] }]);
      return;
    }
    form.setFields([{ name: 'reason', errors: [] }]);
    review.mutate({ id: detail.case.id, decision, reason: reason || undefined });
  };
  return (
    <Card size="small" title={t('certification.reviewTitle')}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('certification.reason')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" loading={review.isPending} onClick={() => act('approve')}>
            {t('certification.approve')}
          </Button>
          <Button loading={review.isPending} onClick={() => act('return')}>
            {t('certification.returnForCorrection')}
          </Button>
          <Button danger loading={review.isPending} onClick={() => act('reject')}>
            {t('certification.reject')}
          </Button>
        </Flex>
      </Form>
      <Failure error={review.error} />
    </Card>
  );
}

/** The committee's side of a case (administrators): the panel and its scores, the average, the decision. */
export function CommitteeActions({
  detail,
  tiers,
}: {
  detail: CertificationCaseDetail;
  tiers: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const user = useUser();
  const draw = useDrawPanel(user.district);
  const close = useCloseScoring(user.district);
  const decide = useDecideCommittee(user.district);
  const revoke = useRevokeCertification(user.district);
  const [size, setSize] = useState(3);
  const [decideForm] = Form.useForm<{ tier: string; reason: string }>();
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const a = detail.actions;
  const inCommittee = detail.case.status === 'committee_review';
  return (
    <Flex vertical gap={12}>
      {inCommittee || (detail.panel?.length ?? 0) > 0 ? (
        <Card size="small" title={t('certification.panelTitle')}>
          {detail.panel?.length ? (
            <List
              size="small"
              dataSource={detail.panel}
              renderItem={(p) => (
                <List.Item>
                  <Flex gap={8} align="center" wrap>
                    <span>{p.displayName}</span>
                    <Tag color={p.scored ? 'green' : 'default'}>
                      {p.scored ? `${t('certification.scored')} ${p.total}` : t('certification.notScored')}
                    </Tag>
                    {p.comment ? <Typography.Text type="secondary">{p.comment}</Typography.Text> : null}
                  </Flex>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">{t('certification.panelEmpty')}</Typography.Text>
          )}
          {detail.averageScore !== null ? (
            <Typography.Title level={4} style={{ fontSize: 16 }}>
              {t('certification.average', { score: detail.averageScore })}
            </Typography.Title>
          ) : null}
          <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
            {a.drawPanel ? (
              <>
                <label htmlFor="panel-size">{t('certification.panelSize')}</label>
                <InputNumber
                  id="panel-size"
                  min={1}
                  max={15}
                  value={size}
                  onChange={(v) => setSize(v ?? 3)}
                />
                <Button
                  type="primary"
                  loading={draw.isPending}
                  onClick={() => draw.mutate({ id: detail.case.id, size })}
                >
                  {detail.panel?.length ? t('certification.redrawPanel') : t('certification.drawPanel')}
                </Button>
              </>
            ) : null}
            {a.closeScoring ? (
              <Button loading={close.isPending} onClick={() => close.mutate({ id: detail.case.id })}>
                {t('certification.closeScoring')}
              </Button>
            ) : null}
          </Flex>
          <Failure error={draw.error ?? close.error} />
        </Card>
      ) : null}
      {a.decide ? (
        <Card size="small" title={t('certification.decideTitle')}>
          <Form form={decideForm} layout="vertical" initialValues={{ tier: detail.case.requestedTier }}>
            <Form.Item name="tier" label={t('certification.decideTier')}>
              <Select options={tiers.map((x) => ({ value: x.id, label: `${x.id} · ${x.name}` }))} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('certification.reason')}
              rules={[{ required: true, whitespace: true, message: t('certification.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Flex gap={8} wrap>
              <Button
                type="primary"
                loading={decide.isPending}
                onClick={() =>
                  void decideForm
                    .validateFields()
                    .then((v) =>
                      decide.mutate({
                        id: detail.case.id,
                        decision: 'approve',
                        tier: v.tier,
                        reason: v.reason,
                      }),
                    )
                    .catch(() => {})
                }
              >
                {t('certification.decideApprove')}
              </Button>
              <Button
                danger
                loading={decide.isPending}
                onClick={() =>
                  void decideForm
                    .validateFields()
                    .then((v) => decide.mutate({ id: detail.case.id, decision: 'reject', reason: v.reason }))
                    .catch(() => {})
                }
              >
                {t('certification.decideReject')}
              </Button>
            </Flex>
          </Form>
          <Failure error={decide.error} />
        </Card>
      ) : null}
      {a.revoke ? (
        <Card size="small" title={t('certification.revoke')}>
          <Form
            form={revokeForm}
            layout="vertical"
            onFinish={(v) => revoke.mutate({ id: detail.case.id, reason: v.reason })}
          >
            <Form.Item
              name="reason"
              label={t('certification.revokeReason')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  min: 2,
                  message: t('certification.revokeReasonRequired'),
                },
              ]}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button danger htmlType="submit" loading={revoke.isPending}>
              {t('certification.revoke')}
            </Button>
          </Form>
          <Failure error={revoke.error} />
        </Card>
      ) : null}
    </Flex>
  );
}
