import { UserOutlined } from '@ant-design/icons';
import { Avatar, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/types';
import { useDistrictName } from '../components/district-name';

/** Who is signed in: display name, role label, and optionally district and department. */
export function UserBadge({ user, detailed = false }: { user: User; detailed?: boolean }) {
  const { t } = useTranslation();
  const district = useDistrictName(user.district);
  return (
    <Flex align="center" gap={8} aria-label={t('shell.userMenu')} role="group">
      <Avatar
        size="small"
        icon={<UserOutlined aria-hidden />}
        style={{ background: '#1d4ed8', flex: 'none' }}
      />
      <Flex vertical={detailed} gap={detailed ? 2 : 8} align={detailed ? 'flex-start' : 'center'}>
        <Typography.Text strong className="user-name">
          {user.displayName}
        </Typography.Text>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t(`roles.${user.role}`)}
        </Tag>
        {detailed ? (
          <Typography.Text type="secondary">
            {t('shell.district')}：{district}
            {user.department ? ` · ${user.department}` : ''}
          </Typography.Text>
        ) : null}
      </Flex>
    </Flex>
  );
}
