/** Pieces shared by the services screens: the page header, dates, money, and one place for errors. */
import { Alert, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';

export function PageHeader({ title, intro, extra }: { title: string; intro?: string; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={12} wrap>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {title}
        </Typography.Title>
        {intro ? <Typography.Text type="secondary">{intro}</Typography.Text> : null}
      </div>
      {extra}
    </Flex>
  );
}

/** A failed change, in the user's language (the server's message), announced to screen readers. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('services.actionFailed')}
      description={errorMessage(error)}
    />
  );
}

export function useFormat() {
  const { i18n } = useTranslation();
  // Events and leases happen in the district: China time, whatever the device's zone.
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const money = new Intl.NumberFormat(i18n.language);
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso.length === 10 ? `${iso}T00:00:00` : iso)),
    money: (n: number) => money.format(n),
  };
}
