import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner announced to screen readers; `fullPage` fills the viewport. */
export function Loading({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex
      role="status"
      aria-live="polite"
      align="center"
      justify="center"
      vertical
      gap={12}
      style={{ minHeight: fullPage ? '100vh' : 240 }}
    >
      <Spin size="large" />
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('loading')}</span>
    </Flex>
  );
}
