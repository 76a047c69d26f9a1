import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** "每年" / "per year" for a quota period. */
export function usePeriodLabel() {
  const { t } = useTranslation();
  return (per: string) =>
    ({
      year: t('talentCode.perYear'),
      month: t('talentCode.perMonth'),
      week: t('talentCode.perWeek'),
      day: t('talentCode.perDay'),
      validity: t('talentCode.perValidity'),
    })[per] ?? per;
}

export type QuotaLeft = { count: number; per: string; used: number; left: number } | null;

/** An entitlement's quota: unlimited, or what is left of the period's count. */
export function QuotaTag({ quota }: { quota: QuotaLeft }) {
  const { t } = useTranslation();
  const period = usePeriodLabel();
  if (!quota) return <Tag color="blue">{t('talentCode.unlimited')}</Tag>;
  return (
    <Tag color={quota.left > 0 ? 'green' : 'red'}>
      {period(quota.per)} · {t('talentCode.quotaLeft', { left: quota.left, count: quota.count })}
    </Tag>
  );
}
