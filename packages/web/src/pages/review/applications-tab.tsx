/**
 * The policy-claims tab of the review queue (审核队列): the applications whose current step this reviewer's
 * department (or, for HR, the enterprise as employer) holds, soonest due first, overdue flagged; approve,
 * return for correction or reject with reasons, one by one or in bulk.
 */
import { App, Button, Checkbox, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Application, useBulkDecide, useDecide, useReviewQueue } from '../../api/claims';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { money, pick, when } from '../applications/parts';

type Act = 'approve' | 'return' | 'reject';

function ReasonModal({
  open,
  title,
  onOk,
  onCancel,
  busy,
}: {
  open: boolean;
  title: string;
  onOk: (reason: string) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('claims.review.confirm')}
      cancelText={t('claims.review.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onOk(v.reason))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('claims.review.reason')}
          rules={[{ required: true, whitespace: true, message: t('claims.review.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Approve / return / reject buttons for one application (also used on the application page). */
export function ReviewButtons({ application }: { application: Pick<Application, 'id' | 'currentStage'> }) {
  const { t } = useTranslation();
  const user = useUser();
  const decide = useDecide(user.district);
  const { message } = App.useApp();
  const [asking, setAsking] = useState<Act | null>(null);
  const run = (action: Act, reason?: string) =>
    decide.mutate(
      { id: application.id, action, reason, stage: application.currentStage },
      {
        onSuccess: () => {
          setAsking(null);
          message.success(t('claims.review.done', { n: 1 }));
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Flex wrap gap={8}>
      <Button type="primary" loading={decide.isPending && asking === null} onClick={() => run('approve')}>
        {t('claims.review.approve')}
      </Button>
      <Button onClick={() => setAsking('return')}>{t('claims.review.return')}</Button>
      <Button danger onClick={() => setAsking('reject')}>
        {t('claims.review.reject')}
      </Button>
      <ReasonModal
        open={asking !== null}
        title={asking ? t(`claims.review.${asking}`) : ''}
        busy={decide.isPending}
        onCancel={() => setAsking(null)}
        onOk={(reason) => asking && run(asking, reason)}
      />
    </Flex>
  );
}

export function ApplicationsReviewTab() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [overdue, setOverdue] = useState(false);
  const [all, setAll] = useState(false);
  const queue = useReviewQueue(user.district, overdue, all);
  const bulk = useBulkDecide(user.district);
  const [selected, setSelected] = useState<number[]>([]);
  const [asking, setAsking] = useState(false);
  const { message } = App.useApp();
  const lang = i18n.language;

  const runBulk = (action: 'approve' | 'return', reason?: string) =>
    bulk.mutate(
      { ids: selected, action, reason },
      {
        onSuccess: (r) => {
          setAsking(false);
          setSelected([]);
          const failed = r.results.filter((x) => !x.ok);
          if (failed.length)
            message.warning(
              t('claims.review.failedSome', { n: failed.length, message: failed[0]?.message ?? '' }),
            );
          else message.success(t('claims.review.done', { n: r.succeeded }));
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  if (queue.isError)
    return (
      <QueryError
        title={t('claims.review.loadFailed')}
        error={queue.error}
        onRetry={() => void queue.refetch()}
      />
    );
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={16} align="center">
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          {t('claims.review.overdueOnly')}
        </Checkbox>
        {user.role === 'admin' ? (
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
            {t('claims.review.all')}
          </Checkbox>
        ) : null}
        <Typography.Text type="secondary">
          {t('claims.review.selected', { n: selected.length })}
        </Typography.Text>
        <Button disabled={!selected.length} loading={bulk.isPending} onClick={() => runBulk('approve')}>
          {t('claims.review.bulkApprove')}
        </Button>
        <Button disabled={!selected.length} onClick={() => setAsking(true)}>
          {t('claims.review.bulkReturn')}
        </Button>
      </Flex>
      <Table<Application & { stage: { id: string; name: { zh: string; en: string } } | null }>
        rowKey="id"
        size="middle"
        loading={queue.isPending}
        dataSource={queue.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('claims.review.empty') }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        columns={[
          {
            title: t('claims.list.policy'),
            key: 'p',
            render: (_, a) => <Link to={`/applications/${a.id}`}>{pick(lang, a.title)}</Link>,
          },
          { title: t('claims.review.applicant'), key: 'who', render: (_, a) => a.subjectName },
          { title: t('claims.review.stage'), key: 'stage', render: (_, a) => pick(lang, a.stage?.name) },
          { title: t('claims.list.amount'), key: 'amt', render: (_, a) => money(a.amount) },
          {
            title: t('claims.review.due'),
            key: 'due',
            render: (_, a) => (
              <span>
                {when(a.stageDueAt)} {a.overdue ? <Tag color="error">{t('claims.list.overdue')}</Tag> : null}
              </span>
            ),
          },
          { title: '', key: 'act', render: (_, a) => <ReviewButtons application={a} /> },
        ]}
      />
      <ReasonModal
        open={asking}
        title={t('claims.review.bulkReturn')}
        busy={bulk.isPending}
        onCancel={() => setAsking(false)}
        onOk={(reason) => runBulk('return', reason)}
      />
    </Flex>
  );
}
