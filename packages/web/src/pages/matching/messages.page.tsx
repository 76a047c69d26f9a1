import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, List, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { type Notification, useInbox, useMarkAllRead, useMarkRead } from '../../api/matching';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';

function Item({ item, district }: { item: Notification; district: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const markRead = useMarkRead(district);
  const read = () =>
    markRead.mutateAsync(item.id).catch((error: unknown) => void message.error(errorMessage(error)));
  return (
    <List.Item
      className={item.read ? 'message-read' : 'message-unread'}
      actions={[
        item.link ? (
          <Link key="open" to={item.link} onClick={() => (item.read ? undefined : void read())}>
            {t('matching.messages.open')}
          </Link>
        ) : null,
        item.read ? null : (
          <Button key="read" size="small" loading={markRead.isPending} onClick={() => void read()}>
            {t('matching.messages.markRead')}
          </Button>
        ),
      ].filter(Boolean)}
    >
      <List.Item.Meta
        avatar={
          <Badge dot={!item.read}>
            <BellOutlined aria-hidden style={{ fontSize: 18 }} />
          </Badge>
        }
        title={
          <Flex gap={8} wrap align="center">
            <Typography.Text strong={!item.read}>{item.title}</Typography.Text>
            {item.read ? null : (
              <Typography.Text type="danger">{t('matching.messages.unread')}</Typography.Text>
            )}
          </Flex>
        }
        description={
          <Flex vertical gap={2}>
            {item.body ? <Typography.Text>{item.body}</Typography.Text> : null}
            <Typography.Text type="secondary">
              {new Date(item.createdAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN')}
            </Typography.Text>
          </Flex>
        }
      />
    </List.Item>
  );
}

/** 消息: the account's inbox, newest first; unread first when filtered. */
export default function MessagesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const [unread, setUnread] = useState(false);
  const inbox = useInbox(user.district, unread);
  const markAll = useMarkAllRead(user.district);
  const data = inbox.data;
  return (
    <Flex vertical gap={20}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
          {t('matching.messages.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('matching.messages.intro')}
        </Typography.Paragraph>
      </header>
      <Flex justify="space-between" gap={12} wrap>
        <Segmented
          value={unread ? 'unread' : 'all'}
          onChange={(v) => setUnread(v === 'unread')}
          options={[
            { value: 'all', label: t('matching.messages.all') },
            {
              value: 'unread',
              label: `${t('matching.messages.unreadOnly')}${data ? ` (${data.unread})` : ''}`,
            },
          ]}
        />
        <Button
          disabled={!data?.unread}
          loading={markAll.isPending}
          onClick={() =>
            void markAll.mutateAsync().catch((e: unknown) => void message.error(errorMessage(e)))
          }
        >
          {t('matching.messages.markAllRead')}
        </Button>
      </Flex>
      {inbox.isPending ? <Skeleton active /> : null}
      {inbox.isError ? (
        <QueryError
          title={t('matching.loadFailed')}
          error={inbox.error}
          onRetry={() => void inbox.refetch()}
        />
      ) : null}
      {data ? (
        <Card size="small">
          {data.items.length === 0 ? (
            <Empty description={t(unread ? 'matching.messages.emptyUnread' : 'matching.messages.empty')} />
          ) : (
            <List
              aria-label={t('matching.messages.title')}
              dataSource={data.items}
              renderItem={(item) => <Item item={item} district={user.district} />}
            />
          )}
        </Card>
      ) : null}
    </Flex>
  );
}
