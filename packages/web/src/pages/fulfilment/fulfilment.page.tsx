/** 政策兑现 (admin): budgets per fund, payments due (conditions re-checked), batches with bank files, the ledger. */
import { App, Button, Card, Flex, Form, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useBatch,
  useBatches,
  useCreateBatch,
  useDueItems,
  useFunds,
  useLedger,
  useMarkBatch,
  useRunAutomatic,
  useSetBudget,
} from '../../api/claims';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { money, pick, when } from '../applications/parts';

function BudgetModal({
  fund,
  year,
  onClose,
}: {
  fund: { code: string; name: { zh: string; en: string }; budget?: number } | null;
  year: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const setBudget = useSetBudget(user.district);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ budget: number }>();
  if (!fund) return null;
  return (
    <Modal
      open
      title={t('claims.fulfilment.setBudget')}
      okText={t('claims.fulfilment.save')}
      cancelText={t('claims.review.cancel')}
      confirmLoading={setBudget.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          setBudget.mutate(
            { code: fund.code, year, budget: v.budget },
            {
              onSuccess: () => {
                message.success(t('claims.fulfilment.saved'));
                onClose();
              },
              onError: (e) => message.error(errorMessage(e)),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ budget: fund.budget ?? 0 }}>
        <Form.Item
          name="budget"
          label={t('claims.fulfilment.budgetLabel', { fund: pick(i18n.language, fund.name), year })}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} step={100000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BatchCard({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const batch = useBatch(user.district, id);
  const mark = useMarkBatch(user.district);
  const { message } = App.useApp();
  if (batch.isPending || batch.isError) return null;
  const b = batch.data;
  const pending = b.items.filter((i) => i.outcome === 'pending');
  const markAll = (outcome: 'paid' | 'failed') =>
    mark.mutate(
      { batchId: id, results: pending.map((i) => ({ itemId: i.itemId, outcome })) },
      { onError: (e) => message.error(errorMessage(e)) },
    );
  const base = `/api/v1/d/${user.district}/payment-batches/${id}/export`;
  return (
    <Card
      size="small"
      title={<h3 className="card-heading">{t('claims.fulfilment.batch', { id })}</h3>}
      extra={
        <Tag color={b.status === 'closed' ? 'success' : 'processing'}>
          {t(`claims.fulfilment.batchStatus.${b.status}`, { defaultValue: b.status })}
        </Tag>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          {t('claims.fulfilment.items', { n: b.itemCount, total: money(b.total) })} · {when(b.createdAt)}
        </Typography.Text>
        <Flex wrap gap={8}>
          <a href={`${base}?format=xlsx`}>{t('claims.fulfilment.exportXlsx')}</a>
          <a href={`${base}?format=csv`}>{t('claims.fulfilment.exportCsv')}</a>
        </Flex>
        <Table
          rowKey="itemId"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={b.items}
          columns={[
            { title: t('claims.fulfilment.payee'), key: 'who', render: (_, i) => i.subjectName },
            { title: t('claims.list.policy'), key: 'p', render: (_, i) => pick(i18n.language, i.title) },
            { title: t('claims.list.amount'), key: 'a', render: (_, i) => money(i.amount) },
            {
              title: t('claims.list.statusCol'),
              key: 'o',
              render: (_, i) => t(`claims.fulfilment.outcome.${i.outcome}`),
            },
          ]}
        />
        {pending.length ? (
          <Flex wrap gap={8}>
            <Button type="primary" loading={mark.isPending} onClick={() => markAll('paid')}>
              {t('claims.fulfilment.markPaid')}
            </Button>
            <Button danger loading={mark.isPending} onClick={() => markAll('failed')}>
              {t('claims.fulfilment.markFailed')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

export default function FulfilmentPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const funds = useFunds(user.district);
  const due = useDueItems(user.district);
  const batches = useBatches(user.district);
  const ledger = useLedger(user.district);
  const create = useCreateBatch(user.district);
  const auto = useRunAutomatic(user.district);
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{
    code: string;
    name: { zh: string; en: string };
    budget?: number;
  } | null>(null);
  const lang = i18n.language;
  const failed = funds.error ?? due.error ?? batches.error;

  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('claims.fulfilment.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('claims.fulfilment.intro')}</Typography.Text>
      </header>
      {failed ? <QueryError title={t('claims.fulfilment.loadFailed')} error={failed} /> : null}
      <Card
        size="small"
        title={
          <h2 className="card-heading">
            {t('claims.fulfilment.funds')} {funds.data?.year ?? ''}
          </h2>
        }
        extra={
          <Button
            loading={auto.isPending}
            onClick={() =>
              auto.mutate(undefined, {
                onSuccess: (r) => message.success(t('claims.fulfilment.ranAutomatic', { n: r.granted })),
                onError: (e) => message.error(errorMessage(e)),
              })
            }
          >
            {t('claims.fulfilment.runAutomatic')}
          </Button>
        }
      >
        <Table
          rowKey="code"
          size="small"
          loading={funds.isPending}
          pagination={false}
          scroll={{ x: true }}
          dataSource={[
            ...(funds.data?.items ?? []),
            ...(funds.data?.unset ?? []).map((u) => ({
              ...u,
              id: 0,
              budget: null,
              committed: null,
              paid: null,
              remaining: null,
            })),
          ]}
          columns={[
            { title: t('claims.fulfilment.fund'), key: 'n', render: (_, f) => pick(lang, f.name) },
            {
              title: t('claims.fulfilment.budget'),
              key: 'b',
              render: (_, f) =>
                f.budget === null ? <Tag>{t('claims.fulfilment.unset')}</Tag> : money(f.budget),
            },
            { title: t('claims.fulfilment.committed'), key: 'c', render: (_, f) => money(f.committed) },
            { title: t('claims.fulfilment.paid'), key: 'p', render: (_, f) => money(f.paid) },
            { title: t('claims.fulfilment.remaining'), key: 'r', render: (_, f) => money(f.remaining) },
            {
              title: '',
              key: 'e',
              render: (_, f) => (
                <Button
                  size="small"
                  onClick={() => setEditing({ code: f.code, name: f.name, budget: f.budget ?? undefined })}
                >
                  {t('claims.fulfilment.setBudget')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={<h2 className="card-heading">{t('claims.fulfilment.due')}</h2>}
        extra={
          <Button
            type="primary"
            disabled={!due.data?.payable}
            loading={create.isPending}
            onClick={() =>
              create.mutate(undefined, {
                onSuccess: (b) => message.success(t('claims.fulfilment.batchCreated', { id: b.id })),
                onError: (e) => message.error(errorMessage(e)),
              })
            }
          >
            {t('claims.fulfilment.createBatch')}
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={due.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          dataSource={due.data?.items ?? []}
          locale={{ emptyText: t('claims.fulfilment.dueEmpty') }}
          columns={[
            { title: t('claims.fulfilment.payee'), key: 'who', render: (_, i) => i.subjectName },
            { title: t('claims.list.policy'), key: 'p', render: (_, i) => pick(lang, i.title) },
            { title: t('claims.list.amount'), key: 'a', render: (_, i) => money(i.amount) },
            { title: t('claims.fulfilment.dueDate'), key: 'd', render: (_, i) => i.dueDate },
            {
              title: t('claims.list.statusCol'),
              key: 's',
              render: (_, i) => (
                <Tag color={i.state === 'due' ? 'success' : 'warning'}>
                  {t(`claims.fulfilment.state.${i.state}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <Flex vertical gap={12}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('claims.fulfilment.batches')}
        </Typography.Title>
        {batches.data?.items.length === 0 ? (
          <Typography.Text type="secondary">{t('claims.fulfilment.batchesEmpty')}</Typography.Text>
        ) : null}
        {(batches.data?.items ?? []).slice(0, 5).map((b) => (
          <BatchCard key={b.id} id={b.id} />
        ))}
      </Flex>
      <Card size="small" title={<h2 className="card-heading">{t('claims.fulfilment.ledger')}</h2>}>
        <Table
          rowKey="id"
          size="small"
          loading={ledger.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          dataSource={ledger.data?.items ?? []}
          columns={[
            { title: '#', key: 'id', render: (_, l) => l.id },
            { title: '', key: 'k', render: (_, l) => t(`claims.fulfilment.ledgerKind.${l.kind}`) },
            { title: t('claims.list.amount'), key: 'a', render: (_, l) => money(l.amount) },
            { title: t('audit.actor'), key: 'w', render: (_, l) => l.actor },
            { title: t('audit.at'), key: 't', render: (_, l) => when(l.at) },
          ]}
        />
      </Card>
      <BudgetModal
        fund={editing}
        year={funds.data?.year ?? new Date().getFullYear()}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
