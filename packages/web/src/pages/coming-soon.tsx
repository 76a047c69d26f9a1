import { ClockCircleOutlined } from '@ant-design/icons';
import { Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/button-link';
import type { Feature } from '../features/registry';

/** The honest empty state of a feature that is not built yet: no sample data, just what is coming. */
export function ComingSoon({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  const name = t(`nav.${feature.id}`);
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        {name}
      </Typography.Title>
      <Result
        icon={<ClockCircleOutlined aria-hidden />}
        title={t('comingSoon.title')}
        subTitle={
          <>
            <Typography.Paragraph>{t(`features.${feature.id}`)}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {t('comingSoon.description', { feature: name })}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('comingSoon.module', { module: feature.module })}
            </Typography.Text>
          </>
        }
        extra={
          <ButtonLink to="/" type="primary">
            {t('comingSoon.backHome')}
          </ButtonLink>
        }
      />
    </>
  );
}
