import { CalculatorOutlined, EnvironmentOutlined, LoginOutlined, ReadOutlined } from '@ant-design/icons';
import { Flex, Grid, Layout, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { useMe } from '../api/queries';
import { Brand } from '../components/brand';
import { ButtonLink } from '../components/button-link';
import { useDistrictName } from '../components/district-name';
import { LanguageSwitch } from '../components/language-switch';
import { PageOutlet } from './page-outlet';

/** The frame of the public pages (`/d/:district/…`): no sign-in needed, a way to sign in or back to work. */
export function PublicShell() {
  const { t } = useTranslation();
  const { district = '' } = useParams();
  const districtName = useDistrictName(district);
  const me = useMe();
  const { pathname } = useLocation();
  const desktop = Grid.useBreakpoint().md === true;
  const onCalculator = pathname.endsWith('/calculator');

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <Brand showName={desktop} />
          <Tag icon={<EnvironmentOutlined aria-hidden />} className="district-tag">
            {districtName}
          </Tag>
        </Flex>
        <Flex align="center" gap={desktop ? 8 : 0}>
          <nav aria-label={t('shell.menu')}>
            <Flex gap={desktop ? 4 : 0}>
              <ButtonLink
                to={`/d/${district}/policies`}
                type="text"
                icon={<ReadOutlined aria-hidden />}
                aria-label={t('publicShell.library')}
                aria-current={!onCalculator ? 'page' : undefined}
              >
                {desktop ? t('publicShell.library') : null}
              </ButtonLink>
              <ButtonLink
                to={`/d/${district}/calculator`}
                type="text"
                icon={<CalculatorOutlined aria-hidden />}
                aria-label={t('publicShell.calculator')}
                aria-current={onCalculator ? 'page' : undefined}
              >
                {desktop ? t('publicShell.calculator') : null}
              </ButtonLink>
            </Flex>
          </nav>
          <LanguageSwitch compact={!desktop} />
          {me.data ? (
            <ButtonLink to="/" type={desktop ? 'default' : 'text'}>
              {t('publicShell.workbench')}
            </ButtonLink>
          ) : (
            <ButtonLink
              to="/login"
              type={desktop ? 'primary' : 'text'}
              icon={<LoginOutlined aria-hidden />}
              aria-label={t('publicShell.signIn')}
            >
              {desktop ? t('publicShell.signIn') : null}
            </ButtonLink>
          )}
        </Flex>
      </Layout.Header>
      <PageOutlet className="shell-content public-content" />
    </Layout>
  );
}
