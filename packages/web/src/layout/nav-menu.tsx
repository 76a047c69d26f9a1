import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../api/types';
import { FeatureIcon } from '../features/icons';
import { featuresFor } from '../features/registry';
import { UnreadCount } from '../pages/matching/unread-badge';

/** The role's navigation: home first, then its features in the agreed order. */
export function NavMenu({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = [
    { key: '/', icon: <FeatureIcon name="home" />, label: t('nav.home') },
    ...featuresFor(role).map((f) => ({
      key: f.path,
      icon: <FeatureIcon name={f.icon} />,
      label:
        f.id === 'messages' ? (
          <>
            {t(`nav.${f.id}`)}
            <UnreadCount />
          </>
        ) : (
          t(`nav.${f.id}`)
        ),
    })),
  ];
  const selected = items
    .map((item) => item.key)
    .filter((key) => key === pathname || (key !== '/' && pathname.startsWith(`${key}/`)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <nav aria-label={t('shell.menu')}>
      <Menu
        mode="inline"
        selectedKeys={selected}
        items={items}
        onClick={({ key }) => {
          navigate(key);
          onNavigate?.();
        }}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );
}
