/** The administrator's 人才安居: the inventory (add, suspend, allocate), the queue in order, leases and move-out. */
import { Alert, Button, Flex, Form, Input, InputNumber, Popconfirm, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Apartment,
  type ApartmentCreate,
  type Lease,
  type QueueItem,
  useAllocate,
  useApartments,
  useCreateApartment,
  useLeases,
  useMoveOut,
  useQueue,
  useSetApartmentStatus,
} from '../../api/services';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

const statusColor = { vacant: 'green', let: 'blue', unavailable: 'default' } as const;

function Inventory({ district, onResult }: { district: string; onResult: (text: string) => void }) {
  const { t } = useTranslation();
  const list = useApartments(district);
  const create = useCreateApartment(district);
  const setStatus = useSetApartmentStatus(district);
  const allocate = useAllocate(district);
  const [form] = Form.useForm<ApartmentCreate>();
  return (
    <Flex vertical gap={12}>
      <Form
        form={form}
        layout="inline"
        aria-label={t('services.housingAdmin.add')}
        onFinish={(v) => create.mutate(v, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item
          name="building"
          label={t('services.housingAdmin.building')}
          rules={[{ required: true, message: t('services.required') }]}
        >
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="unit"
          label={t('services.housingAdmin.unit')}
          rules={[{ required: true, message: t('services.required') }]}
        >
          <Input style={{ width: 90 }} />
        </Form.Item>
        <Form.Item
          name="areaSqm"
          label={t('services.housingAdmin.area')}
          rules={[{ required: true, message: t('services.required') }]}
        >
          <InputNumber min={10} max={500} />
        </Form.Item>
        <Form.Item
          name="rentMonthly"
          label={t('services.housingAdmin.rent')}
          rules={[{ required: true, message: t('services.required') }]}
        >
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('services.housingAdmin.adding')}
        </Button>
      </Form>
      <ActionError error={create.error ?? setStatus.error ?? allocate.error} />
      {list.isError ? <QueryError title={t('services.loadFailed')} error={list.error} /> : null}
      <Table<Apartment>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('services.housingAdmin.emptyInventory') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('services.housingAdmin.building'), dataIndex: 'building' },
          { title: t('services.housingAdmin.unit'), dataIndex: 'unit' },
          { title: t('services.housingAdmin.area'), dataIndex: 'areaSqm' },
          { title: t('services.housingAdmin.rent'), dataIndex: 'rentMonthly' },
          {
            title: t('services.housingAdmin.status'),
            dataIndex: 'status',
            render: (s: Apartment['status']) => (
              <Tag color={statusColor[s]}>{t(`services.housingAdmin.apartmentStatus.${s}`)}</Tag>
            ),
          },
          {
            title: t('services.housingAdmin.actions'),
            key: 'actions',
            render: (_, a) => (
              <Flex gap={8} wrap>
                {a.status === 'vacant' ? (
                  <Button
                    size="small"
                    type="primary"
                    aria-label={`${t('services.housingAdmin.allocate')} ${a.building} ${a.unit}`}
                    loading={allocate.isPending && allocate.variables === a.id}
                    onClick={() =>
                      allocate.mutate(a.id, {
                        onSuccess: (lease) =>
                          onResult(t('services.housingAdmin.allocated', { name: lease.talentName })),
                      })
                    }
                  >
                    {t('services.housingAdmin.allocate')}
                  </Button>
                ) : null}
                {a.status === 'vacant' ? (
                  <Button
                    size="small"
                    onClick={() => setStatus.mutate({ apartmentId: a.id, status: 'unavailable' })}
                  >
                    {t('services.housingAdmin.setUnavailable')}
                  </Button>
                ) : null}
                {a.status === 'unavailable' ? (
                  <Button
                    size="small"
                    aria-label={`${t('services.housingAdmin.setVacant')} ${a.building} ${a.unit}`}
                    onClick={() => setStatus.mutate({ apartmentId: a.id, status: 'vacant' })}
                  >
                    {t('services.housingAdmin.setVacant')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

function Queue({ district }: { district: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQueue(district);
  if (q.isError) return <QueryError title={t('services.loadFailed')} error={q.error} />;
  return (
    <Table<QueueItem>
      rowKey="id"
      size="middle"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('services.housingAdmin.emptyQueue') }}
      scroll={{ x: 800 }}
      columns={[
        { title: t('services.housingAdmin.building'), dataIndex: 'building' },
        { title: t('services.housingAdmin.position'), dataIndex: 'position', width: 80 },
        { title: t('services.housingAdmin.talent'), dataIndex: 'talentName' },
        { title: t('services.housingAdmin.tier'), dataIndex: 'tierName' },
        { title: t('services.housingAdmin.children'), dataIndex: 'childrenCount', width: 80 },
        {
          title: t('services.housingAdmin.appliedAt'),
          dataIndex: 'appliedAt',
          render: (v: string) => f.dateTime(v),
        },
      ]}
    />
  );
}

function Leases({ district, onResult }: { district: string; onResult: (text: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLeases(district);
  const moveOut = useMoveOut(district);
  const [reason, setReason] = useState('');
  if (l.isError) return <QueryError title={t('services.loadFailed')} error={l.error} />;
  return (
    <Flex vertical gap={12}>
      <ActionError error={moveOut.error} />
      <Table<Lease>
        rowKey="id"
        size="middle"
        loading={l.isPending}
        dataSource={l.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('services.housingAdmin.emptyLeases') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('services.housingAdmin.talent'), dataIndex: 'talentName' },
          {
            title: t('services.housingAdmin.building'),
            render: (_, x) => `${x.apartment.building} ${x.apartment.unit}`,
          },
          {
            title: t('services.housingAdmin.period'),
            render: (_, x) => `${f.date(x.startDate)} – ${f.date(x.endDate)}`,
          },
          { title: t('services.housingAdmin.rent'), dataIndex: 'rentMonthly' },
          {
            title: t('services.housingAdmin.actions'),
            render: (_, x) => (
              <Popconfirm
                title={t('services.housingAdmin.moveOutConfirm')}
                description={
                  <Input
                    aria-label={t('services.housingAdmin.moveOutReason')}
                    placeholder={t('services.housingAdmin.defaultReason')}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                }
                onConfirm={() =>
                  moveOut.mutate(
                    { leaseId: x.id, reason: reason.trim() || t('services.housingAdmin.defaultReason') },
                    {
                      onSuccess: (r) =>
                        onResult(
                          r.next
                            ? t('services.housingAdmin.movedOut', { name: r.next.talentName })
                            : t('services.housingAdmin.movedOutVacant'),
                        ),
                    },
                  )
                }
              >
                <Button size="small" danger>
                  {t('services.housingAdmin.moveOut')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Flex>
  );
}

export default function HousingAdminPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const [result, setResult] = useState<string>();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.housingAdmin.title')} intro={t('services.housing.positionHint')} />
      <div aria-live="polite">
        {result ? (
          <Alert type="success" showIcon title={result} closable onClose={() => setResult(undefined)} />
        ) : null}
      </div>
      <Tabs
        items={[
          {
            key: 'inventory',
            label: t('services.housingAdmin.inventory'),
            children: <Inventory district={district} onResult={setResult} />,
          },
          { key: 'queue', label: t('services.housingAdmin.queue'), children: <Queue district={district} /> },
          {
            key: 'leases',
            label: t('services.housingAdmin.leases'),
            children: <Leases district={district} onResult={setResult} />,
          },
        ]}
      />
    </Flex>
  );
}
