/** The administrator's certification work: committee cases, all cases, the expert pool, the rubric, quotas. */
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type CertificationCaseDetail,
  type ExpertPool,
  type QuotaList,
  useExpertPool,
  useQuotas,
  useRubric,
  useSaveExpert,
  useSaveQuota,
  useSaveRubric,
} from '../../api/certification';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { CommitteeActions } from './case-actions';
import { CaseTable } from './case-table';

const tiersOf = (d: CertificationCaseDetail) =>
  (d.explanation?.tiers ?? []).map((x) => ({ id: x.tier, name: x.name }));

function PoolTab() {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const pool = useExpertPool(user.district);
  const save = useSaveExpert(user.district);
  const [form] = Form.useForm<{
    username: string;
    enterpriseId?: number;
    affiliation?: string;
    title?: string;
    fields?: string;
  }>();
  if (pool.isPending) return <Loading />;
  if (pool.isError) return <QueryError title={t('certification.loadFailed')} error={pool.error} />;
  const rows: ExpertPool['items'] = pool.data.items;
  return (
    <Flex vertical gap={16}>
      <Table
        rowKey="accountId"
        size="middle"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('certification.poolEmpty') }}
        columns={[
          {
            title: t('certification.poolColumns.name'),
            key: 'name',
            render: (_: unknown, e) => (
              <Flex vertical>
                <span>{e.displayName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.username}
                  {e.title ? ` · ${e.title}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('certification.poolColumns.employer'),
            key: 'employer',
            render: (_: unknown, e) => e.enterprise?.name ?? e.affiliation ?? '—',
          },
          {
            title: t('certification.poolColumns.fields'),
            key: 'fields',
            render: (_: unknown, e) => e.fields.map((f) => <Tag key={f}>{f}</Tag>),
          },
          {
            title: t('certification.poolColumns.status'),
            key: 'status',
            render: (_: unknown, e) => (
              <Flex gap={8} align="center" wrap>
                <Tag color={e.active ? 'green' : 'default'}>
                  {e.active ? t('certification.active') : t('certification.inactive')}
                </Tag>
                <Button
                  size="small"
                  aria-label={`${e.active ? t('certification.deactivate') : t('certification.activate')} ${e.displayName}`}
                  onClick={() =>
                    save.mutate({
                      username: e.username,
                      enterpriseId: e.enterprise?.id ?? null,
                      affiliation: e.affiliation,
                      title: e.title,
                      fields: e.fields,
                      active: !e.active,
                    })
                  }
                >
                  {e.active ? t('certification.deactivate') : t('certification.activate')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <Card size="small" title={t('certification.addExpert')}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate(
              {
                username: v.username,
                enterpriseId: v.enterpriseId ?? null,
                affiliation: v.affiliation || null,
                title: v.title || null,
                fields: (v.fields ?? '')
                  .split(/[,，、]/)
                  .map((f) => f.trim())
                  .filter(Boolean),
                active: true,
              },
              {
                onSuccess: () => {
                  message.success(t('certification.saved'));
                  form.resetFields();
                },
              },
            )
          }
        >
          <Form.Item
            name="username"
            label={t('certification.expertAccount')}
            rules={[{ required: true, message: t('certification.expertAccountRequired') }]}
          >
            <Select
              options={[...pool.data.candidates, ...rows].map((c) => ({
                value: c.username,
                label: `${c.displayName}（${c.username}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="enterpriseId" label={t('certification.expertEnterprise')}>
            <Select allowClear options={pool.data.enterprises.map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
          <Form.Item name="affiliation" label={t('certification.expertAffiliation')}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="title" label={t('certification.expertTitle')}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="fields" label={t('certification.expertFields')}>
            <Input maxLength={200} />
          </Form.Item>
          {save.isError ? (
            <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('certification.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

type RubricValues = {
  nameZh: string;
  nameEn: string;
  scale: 'percent' | 'five';
  criteria: { id: string; zh: string; en: string; weight: number }[];
};

function RubricTab() {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const rubric = useRubric(user.district);
  const save = useSaveRubric(user.district);
  if (rubric.isPending) return <Loading />;
  if (rubric.isError) return <QueryError title={t('certification.loadFailed')} error={rubric.error} />;
  const r = rubric.data.rubric;
  return (
    <Form<RubricValues>
      layout="vertical"
      initialValues={{
        nameZh: r?.name ?? '',
        nameEn: r?.name ?? '',
        scale: r?.scale ?? 'percent',
        criteria: r?.criteria.map(({ id, zh, en, weight }) => ({ id, zh, en, weight })) ?? [],
      }}
      onFinish={(v) => save.mutate(v, { onSuccess: () => message.success(t('certification.saved')) })}
    >
      {!r ? (
        <Alert type="info" showIcon title={t('certification.rubricEmpty')} style={{ marginBottom: 12 }} />
      ) : null}
      <Flex gap={16} wrap>
        <Form.Item
          name="nameZh"
          label={`${t('certification.rubricName')}（中文）`}
          rules={[{ required: true }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={`${t('certification.rubricName')} (English)`}
          rules={[{ required: true }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="scale" label={t('certification.rubricScale')}>
          <Select
            style={{ minWidth: 180 }}
            options={[
              { value: 'percent', label: t('certification.scalePercent') },
              { value: 'five', label: t('certification.scaleFive') },
            ]}
          />
        </Form.Item>
      </Flex>
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} wrap align="flex-start">
                <Form.Item
                  name={[f.name, 'id']}
                  label="ID"
                  rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/ }]}
                >
                  <Input style={{ width: 130 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'zh']}
                  label={`${t('certification.criterion')}（中文）`}
                  rules={[{ required: true }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'en']}
                  label={`${t('certification.criterion')} (English)`}
                  rules={[{ required: true }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'weight']}
                  label={t('certification.weight')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={1} max={100} />
                </Form.Item>
                <Button
                  onClick={() => remove(f.name)}
                  style={{ marginTop: 30 }}
                  aria-label={`remove ${f.name}`}
                >
                  −
                </Button>
              </Flex>
            ))}
            <Button onClick={() => add({ weight: 10 })} style={{ alignSelf: 'flex-start' }}>
              + {t('certification.criterion')}
            </Button>
          </Flex>
        )}
      </Form.List>
      {save.isError ? (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ margin: '12px 0' }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 12 }}>
        {t('certification.save')}
      </Button>
    </Form>
  );
}

function QuotasTab() {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const quotas = useQuotas(user.district);
  const save = useSaveQuota(user.district);
  if (quotas.isPending) return <Loading />;
  if (quotas.isError) return <QueryError title={t('certification.loadFailed')} error={quotas.error} />;
  const data: QuotaList = quotas.data;
  return (
    <Flex vertical gap={16}>
      <Table
        rowKey="id"
        size="middle"
        dataSource={data.items}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('certification.quotasEmpty') }}
        columns={[
          { title: t('certification.quotaEnterprise'), dataIndex: ['enterprise', 'name'] },
          { title: t('certification.quotaYear'), dataIndex: 'year' },
          {
            title: t('certification.quotaMaxTier'),
            key: 'tier',
            render: (_: unknown, q) => `${q.maxTier} · ${q.maxTierName}`,
          },
          { title: t('certification.quotaTotal'), dataIndex: 'total' },
          { title: t('certification.quotaUsed'), dataIndex: 'used' },
        ]}
      />
      <Card size="small" title={t('certification.addQuota')}>
        <Form
          layout="vertical"
          initialValues={{ year: new Date().getFullYear(), total: 1 }}
          onFinish={(v: { enterpriseId: number; year: number; maxTier: string; total: number }) =>
            save.mutate(v, { onSuccess: () => message.success(t('certification.saved')) })
          }
        >
          <Flex gap={16} wrap>
            <Form.Item
              name="enterpriseId"
              label={t('certification.quotaEnterprise')}
              rules={[{ required: true }]}
            >
              <Select
                style={{ minWidth: 220 }}
                options={data.enterprises.map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
            <Form.Item name="year" label={t('certification.quotaYear')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="maxTier" label={t('certification.quotaMaxTier')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 200 }}
                options={data.tiers.map((x) => ({ value: x.id, label: `${x.id} · ${x.name}` }))}
              />
            </Form.Item>
            <Form.Item name="total" label={t('certification.quotaTotal')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10000} />
            </Form.Item>
          </Flex>
          {save.isError ? (
            <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('certification.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

export function AdminCertification() {
  const { t } = useTranslation();
  return (
    <Tabs
      items={[
        {
          key: 'committee',
          label: t('certification.tabCommittee'),
          children: (
            <CaseTable
              initialStatus="committee_review"
              emptyText={t('certification.committeeEmpty')}
              actions={(d) => <CommitteeActions detail={d} tiers={tiersOf(d)} />}
            />
          ),
        },
        {
          key: 'all',
          label: t('certification.tabAll'),
          children: (
            <CaseTable
              emptyText={t('certification.casesEmpty')}
              actions={(d) => <CommitteeActions detail={d} tiers={tiersOf(d)} />}
            />
          ),
        },
        { key: 'pool', label: t('certification.tabPool'), children: <PoolTab /> },
        { key: 'rubric', label: t('certification.tabRubric'), children: <RubricTab /> },
        { key: 'quotas', label: t('certification.tabQuotas'), children: <QuotasTab /> },
      ]}
    />
  );
}
