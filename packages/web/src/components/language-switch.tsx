import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

/** Toggles between Chinese and English; server-rendered text is fetched again in the new language. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';

  async function switchLanguage() {
    await setLanguage(next);
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  }

  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      lang={next === 'en' ? 'en' : 'zh-CN'}
      aria-label={t('language.switchTo')}
      title={t('language.switchAria')}
      onClick={() => void switchLanguage()}
    >
      {compact ? null : t('language.switchTo')}
    </Button>
  );
}
