import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import { useAuditPage, useVerifyAudit } from '../api/queries';
import type { AuditEntry, AuditVerification } from '../api/types';
import { useUser } from '../auth/user-context';
import { QueryError } from '../components/query-error';

const okOutcomes = new Set(['ok', 'success', 'succeeded', 'allowed']);

function VerifyResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  if (result.ok || !result.firstBad) {
    return <Alert type="success" showIcon title={t('audit.verifyOk', { checked: result.checked })} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBad', { position: result.firstBad.position, seq: result.firstBad.seq })}
      description={t('audit.verifyReason', { reason: result.firstBad.reason })}
    />
  );
}

/** The district's append-only audit log, newest first, and a check of its hash chain. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  // Cursor stack: each entry is the `before` of a page already visited; the last one is on screen.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const page = useAuditPage(user.district, before);
  const verify = useVerifyAudit(user.district);
  const timeFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 180,
      render: (at: string) => <time dateTime={at}>{timeFormat.format(new Date(at))}</time>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      render: (actor: string | null, entry) => (
        <Flex gap={4} wrap align="center">
          <span>{actor ?? '—'}</span>
          {entry.role ? (
            <Tag>{t(`roles.${entry.role}` as 'roles.admin', { defaultValue: entry.role })}</Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <code>{action}</code> },
    { title: t('audit.object'), dataIndex: 'object', render: (object: string | null) => object ?? '—' },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 110,
      render: (outcome: string) => <Tag color={okOutcomes.has(outcome) ? 'green' : 'red'}>{outcome}</Tag>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
            {t('audit.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined aria-hidden />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {verify.isPending ? t('audit.verifying') : t('audit.verify')}
        </Button>
      </Flex>
      <div aria-live="polite">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
        {verify.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('audit.verifyFailed')}
            description={errorMessage(verify.error)}
          />
        ) : null}
      </div>
      {page.isError ? (
        <QueryError title={t('audit.loadFailed')} error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <Table
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={page.data?.items ?? []}
          loading={page.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('audit.empty') }}
        />
      )}
      <Flex justify="flex-end" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('audit.pageInfo', { page: cursors.length })}</Typography.Text>
        <Button disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
          {t('audit.newest')}
        </Button>
        <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('audit.newer')}
        </Button>
        <Button
          disabled={page.isPlaceholderData || page.data?.nextBefore == null}
          onClick={() => {
            const next = page.data?.nextBefore;
            if (next != null) setCursors((c) => [...c, next]);
          }}
        >
          {t('audit.older')}
        </Button>
      </Flex>
    </Flex>
  );
}
