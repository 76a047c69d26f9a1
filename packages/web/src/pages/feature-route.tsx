import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/user-context';
import { type Feature, navByRole } from '../features/registry';
import { ComingSoon } from './coming-soon';

/** A feature's screen for the roles that have it; others see "not allowed". */
export function FeatureRoute({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  const user = useUser();
  if (!navByRole[user.role].includes(feature.id)) {
    return (
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.description', { role: t(`roles.${user.role}`) })}
      />
    );
  }
  const Page = feature.page;
  return Page ? <Page /> : <ComingSoon feature={feature} />;
}
