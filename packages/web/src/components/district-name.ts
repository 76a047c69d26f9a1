import { useTranslation } from 'react-i18next';
import { useMeta } from '../api/queries';

/** The district's name in the current language, or its code until the metadata arrives. */
export function useDistrictName(code: string | undefined): string {
  const { i18n } = useTranslation();
  const meta = useMeta();
  if (!code) return '';
  const district = meta.data?.districts.find((d) => d.code === code);
  if (!district) return code;
  return i18n.language === 'en' ? district.name.en : district.name.zh;
}
