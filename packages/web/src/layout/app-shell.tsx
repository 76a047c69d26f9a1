import { EnvironmentOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../api/queries';
import { useUser } from '../auth/user-context';
import { Brand } from '../components/brand';
import { useDistrictName } from '../components/district-name';
import { LanguageSwitch } from '../components/language-switch';
import { MessagesBell } from '../pages/matching/unread-badge';
import { NavMenu } from './nav-menu';
import { PageOutlet } from './page-outlet';
import { UserBadge } from './user-badge';

/** The signed-in frame: header, role navigation (Sider on desktop, Drawer on phones) and content. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useUser();
  const district = useDistrictName(user.district);
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg === true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logout = useLogout();
  const navigate = useNavigate();

  async function signOut() {
    await logout.mutateAsync().catch(() => undefined);
    navigate('/login', { replace: true });
  }

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {desktop ? null : (
            <Button
              type="text"
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('shell.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Brand />
          {desktop ? (
            <Tag icon={<EnvironmentOutlined aria-hidden />} className="district-tag">
              {district}
            </Tag>
          ) : null}
        </Flex>
        <Flex align="center" gap={desktop ? 12 : 4}>
          {desktop ? <UserBadge user={user} /> : null}
          <MessagesBell />
          <LanguageSwitch compact={!desktop} />
          <Button
            type={desktop ? 'default' : 'text'}
            icon={<LogoutOutlined aria-hidden />}
            loading={logout.isPending}
            onClick={() => void signOut()}
            aria-label={t('shell.logout')}
          >
            {desktop ? t('shell.logout') : null}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout hasSider={desktop}>
        {desktop ? (
          <Layout.Sider width={220} theme="light" className="shell-sider">
            <NavMenu role={user.role} />
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={<UserBadge user={user} detailed />}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu role={user.role} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <PageOutlet />
      </Layout>
    </Layout>
  );
}
