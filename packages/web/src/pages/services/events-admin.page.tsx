/** The administrator's 人才活动: publish events, see registrations and the waiting list, check in by code. */
import { Alert, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type EventItem,
  useCheckIn,
  useCreateEvent,
  useEventRegistrations,
  useEvents,
} from '../../api/services';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

type EventForm = {
  titleZh: string;
  titleEn?: string;
  venue: string;
  range: [Dayjs, Dayjs];
  capacity: number;
  eligibilityPolicyId?: string;
};

function Registrations({
  event,
  district,
  onClose,
}: {
  event: EventItem;
  district: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const regs = useEventRegistrations(district, event.id);
  const checkIn = useCheckIn(district);
  const [token, setToken] = useState('');
  const [done, setDone] = useState<string>();
  return (
    <Drawer open width={640} title={event.title} onClose={onClose}>
      <Flex vertical gap={12}>
        <Card size="small" title={t('services.eventsAdmin.checkIn')}>
          <Flex gap={8}>
            <Input
              aria-label={t('services.eventsAdmin.token')}
              placeholder={t('services.eventsAdmin.token')}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
            <Button
              type="primary"
              disabled={!token.trim()}
              loading={checkIn.isPending}
              onClick={() =>
                checkIn.mutate(
                  { eventId: event.id, token: token.trim().replace(/^.*\/v\//, '') },
                  {
                    onSuccess: (r) => {
                      setDone(
                        r.alreadyCheckedIn
                          ? t('services.eventsAdmin.checkInAgain', { name: r.registration.talentName })
                          : t('services.eventsAdmin.checkInOk', { name: r.registration.talentName }),
                      );
                      setToken('');
                    },
                  },
                )
              }
            >
              {t('services.eventsAdmin.checkIn')}
            </Button>
          </Flex>
        </Card>
        <div aria-live="polite">
          {done ? <Alert type="success" showIcon title={done} /> : null}
          <ActionError error={checkIn.error} />
        </div>
        {regs.isError ? <QueryError title={t('services.loadFailed')} error={regs.error} /> : null}
        <Table
          rowKey="id"
          size="small"
          loading={regs.isPending}
          dataSource={regs.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('services.eventsAdmin.emptyRegistrations') }}
          columns={[
            { title: t('services.housingAdmin.talent'), dataIndex: 'talentName' },
            {
              title: t('services.housingAdmin.status'),
              render: (_, r) =>
                r.status === 'waiting' ? (
                  <Tag color="orange">{t('services.events.waiting', { position: r.waitingPosition })}</Tag>
                ) : (
                  <Tag color={r.status === 'registered' ? 'blue' : 'default'}>
                    {t(`services.events.status.${r.status}`)}
                  </Tag>
                ),
            },
            {
              title: t('services.events.checkedIn'),
              render: (_, r) =>
                r.checkedInAt ? <Tag color="green">{t('services.events.checkedIn')}</Tag> : '—',
            },
          ]}
        />
      </Flex>
    </Drawer>
  );
}

export default function EventsAdminPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const f = useFormat();
  const list = useEvents(district, true);
  const create = useCreateEvent(district);
  const [form] = Form.useForm<EventForm>();
  const [open, setOpen] = useState<EventItem>();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.eventsAdmin.title')} intro={t('services.events.intro')} />
      {open ? <Registrations event={open} district={district} onClose={() => setOpen(undefined)} /> : null}
      <Card size="small" title={t('services.eventsAdmin.create')}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(
              {
                titleZh: v.titleZh,
                ...(v.titleEn ? { titleEn: v.titleEn } : {}),
                venue: v.venue,
                startsAt: v.range[0].toISOString(),
                endsAt: v.range[1].toISOString(),
                capacity: v.capacity,
                eligibilityPolicyId: v.eligibilityPolicyId?.trim() || null,
              },
              { onSuccess: () => form.resetFields() },
            )
          }
        >
          <Flex gap={12} wrap>
            <Form.Item
              name="titleZh"
              label={t('services.eventsAdmin.titleZh')}
              rules={[{ required: true, message: t('services.required') }]}
              style={{ flex: '1 1 260px' }}
            >
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item name="titleEn" label={t('services.eventsAdmin.titleEn')} style={{ flex: '1 1 260px' }}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="venue"
              label={t('services.eventsAdmin.venue')}
              rules={[{ required: true, message: t('services.required') }]}
              style={{ flex: '1 1 260px' }}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item
              name="range"
              label={`${t('services.eventsAdmin.startsAt')} – ${t('services.eventsAdmin.endsAt')}`}
              rules={[{ required: true, message: t('services.required') }]}
            >
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item
              name="capacity"
              label={t('services.eventsAdmin.capacity')}
              rules={[{ required: true, message: t('services.required') }]}
            >
              <InputNumber min={1} max={100000} />
            </Form.Item>
            <Form.Item
              name="eligibilityPolicyId"
              label={t('services.eventsAdmin.policy')}
              extra={t('services.eventsAdmin.policyHint')}
              style={{ flex: '1 1 260px' }}
            >
              <Input placeholder={`${district}.event.…`} />
            </Form.Item>
          </Flex>
          <ActionError error={create.error} />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('services.eventsAdmin.create')}
          </Button>
        </Form>
      </Card>
      {list.isError ? <QueryError title={t('services.loadFailed')} error={list.error} /> : null}
      <Table<EventItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('services.eventsAdmin.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('services.eventsAdmin.name'), dataIndex: 'title' },
          {
            title: t('services.eventsAdmin.startsAt'),
            dataIndex: 'startsAt',
            render: (v: string) => f.dateTime(v),
          },
          { title: t('services.eventsAdmin.venue'), dataIndex: 'venue' },
          {
            title: t('services.eventsAdmin.seats'),
            render: (_, e) => (
              <Flex gap={4} wrap>
                <span>
                  {e.registered} / {e.capacity}
                </span>
                {e.waiting > 0 ? <Tag>{t('services.events.waitingCount', { count: e.waiting })}</Tag> : null}
              </Flex>
            ),
          },
          {
            title: t('services.eventsAdmin.policy'),
            dataIndex: 'eligibilityPolicyId',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('services.housingAdmin.actions'),
            render: (_, e) => (
              <Button size="small" onClick={() => setOpen(e)}>
                {t('services.eventsAdmin.registrations')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}
