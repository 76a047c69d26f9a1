/** Shared pieces of the claims screens: status tags, money, dates. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColor: Record<string, string> = {
  in_review: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  scheduled: 'default',
  in_batch: 'processing',
  paid: 'success',
  failed: 'error',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status] ?? 'default'}>
      {t(`claims.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function PayTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status] ?? 'default'}>
      {t(`claims.payStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export const money = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export const when = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', { hour12: false, dateStyle: 'short', timeStyle: 'short' })
    : '—';

export const pick = (lang: string, text: { zh: string; en: string } | null | undefined) =>
  text ? (lang === 'en' ? text.en : text.zh) : '';
