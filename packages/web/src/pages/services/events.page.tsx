/** 人才活动 for the talent (phone first): upcoming events, register or join the waiting list, cancel, mine. */
import { Button, Card, Empty, Flex, List, Popconfirm, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type EventItem,
  useCancelRegistration,
  useEvents,
  useMyRegistrations,
  useRegister,
} from '../../api/services';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

function EventCard({ e, district }: { e: EventItem; district: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const register = useRegister(district);
  const cancel = useCancelRegistration(district);
  const mine = e.mine;
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Flex vertical gap={6}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {e.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('services.events.when', { start: f.dateTime(e.startsAt), end: f.dateTime(e.endsAt) })}
        </Typography.Text>
        <Typography.Text type="secondary">{e.venue}</Typography.Text>
        {e.description ? (
          <Typography.Paragraph style={{ margin: 0 }}>{e.description}</Typography.Paragraph>
        ) : null}
        <Flex gap={6} wrap>
          <Tag color={e.seatsLeft > 0 ? 'green' : 'red'}>
            {e.seatsLeft > 0
              ? t('services.events.seats', { left: e.seatsLeft, capacity: e.capacity })
              : t('services.events.full')}
          </Tag>
          {e.waiting > 0 ? <Tag>{t('services.events.waitingCount', { count: e.waiting })}</Tag> : null}
          {mine?.status === 'registered' ? <Tag color="blue">{t('services.events.registered')}</Tag> : null}
          {mine?.status === 'waiting' ? (
            <Tag color="orange">{t('services.events.waiting', { position: mine.waitingPosition })}</Tag>
          ) : null}
          {mine?.checkedInAt ? <Tag color="green">{t('services.events.checkedIn')}</Tag> : null}
        </Flex>
        {e.eligibility && !e.eligibility.eligible && !mine ? (
          <Typography.Text type="warning">
            {t('services.events.notEligible')}：{e.eligibility.reason}
          </Typography.Text>
        ) : null}
        <ActionError error={register.error ?? cancel.error} />
        {mine && !mine.checkedInAt ? (
          <Popconfirm title={t('services.events.cancel')} onConfirm={() => cancel.mutate(e.id)}>
            <Button danger block loading={cancel.isPending}>
              {t('services.events.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
        {!mine && e.eligibility?.eligible ? (
          <Button type="primary" block loading={register.isPending} onClick={() => register.mutate(e.id)}>
            {e.seatsLeft > 0 ? t('services.events.register') : t('services.events.registerWaiting')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

export default function EventsPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const [tab, setTab] = useState<'upcoming' | 'mine'>('upcoming');
  const list = useEvents(district);
  const mine = useMyRegistrations(district);
  const f = useFormat();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.events.title')} intro={t('services.events.intro')} />
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as 'upcoming' | 'mine')}
        options={[
          { value: 'upcoming', label: t('services.events.upcoming') },
          { value: 'mine', label: t('services.events.mine') },
        ]}
      />
      {tab === 'upcoming' ? (
        list.isError ? (
          <QueryError
            title={t('services.loadFailed')}
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : (
          <List
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('services.events.empty')} /> }}
            renderItem={(e) => (
              <List.Item>
                <EventCard e={e} district={district} />
              </List.Item>
            )}
          />
        )
      ) : mine.isError ? (
        <QueryError title={t('services.loadFailed')} error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <List
          loading={mine.isPending}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('services.events.emptyMine')} /> }}
          renderItem={({ registration: r, event: e }) => (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Typography.Text strong>{e.title}</Typography.Text>
                <Typography.Text type="secondary">{f.dateTime(e.startsAt)}</Typography.Text>
                <Flex gap={6}>
                  <Tag
                    color={r.status === 'registered' ? 'blue' : r.status === 'waiting' ? 'orange' : 'default'}
                  >
                    {r.status === 'waiting'
                      ? t('services.events.waiting', { position: r.waitingPosition })
                      : t(`services.events.status.${r.status}`)}
                  </Tag>
                  {r.checkedInAt ? <Tag color="green">{t('services.events.checkedIn')}</Tag> : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
