import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from '../../api/matching';
import { useUser } from '../../auth/user-context';
import { navByRole } from '../../features/registry';

/** The unread count beside the 消息 menu entry. */
export function UnreadCount() {
  const { t } = useTranslation();
  const user = useUser();
  const count = useUnreadCount(user.district).data?.unread ?? 0;
  if (!count) return null;
  return (
    <Badge
      count={count}
      size="small"
      style={{ marginInlineStart: 8 }}
      title={t('matching.messages.unreadBadge', { count })}
    />
  );
}

/** A bell in the header leading to 消息, with the unread count (for the roles whose menu has messages). */
export function MessagesBell() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const has = navByRole[user.role].includes('messages');
  const count = useUnreadCount(user.district, has).data?.unread ?? 0;
  if (!has) return null;
  return (
    <Badge count={count} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined aria-hidden />}
        aria-label={count ? t('matching.messages.unreadBadge', { count }) : t('matching.messages.bell')}
        onClick={() => navigate('/messages')}
      />
    </Badge>
  );
}
