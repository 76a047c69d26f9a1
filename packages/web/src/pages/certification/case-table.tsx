/** A list of certification cases with a status filter; choosing one opens its file below the list. */
import { Button, Flex, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CertificationCase,
  type CertificationCaseDetail,
  type CertificationStatus,
  useCertification,
  useCertifications,
} from '../../api/certification';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { CaseFile, StatusTag } from './parts';

const STATUSES: CertificationStatus[] = [
  'department_review',
  'committee_review',
  'returned',
  'approved',
  'rejected',
  'revoked',
];

export function CaseTable({
  initialStatus,
  emptyText,
  actions,
}: {
  initialStatus?: CertificationStatus;
  emptyText: string;
  actions: (detail: CertificationCaseDetail) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [status, setStatus] = useState<CertificationStatus | undefined>(initialStatus);
  const [open, setOpen] = useState<number | undefined>();
  const list = useCertifications(user.district, { status });
  const detail = useCertification(user.district, open);
  const when = (at: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(at));
  const columns: ColumnsType<CertificationCase> = [
    {
      title: t('certification.columns.code'),
      dataIndex: 'caseCode',
      render: (c: string) => <code>{c}</code>,
    },
    { title: t('certification.columns.talent'), dataIndex: ['talent', 'name'] },
    { title: t('certification.columns.path'), dataIndex: 'pathLabel' },
    {
      title: t('certification.columns.tier'),
      key: 'tier',
      render: (_: unknown, c) => `${c.tier ?? c.requestedTier} · ${c.tierName ?? c.requestedTierName}`,
    },
    {
      title: t('certification.columns.status'),
      key: 'status',
      render: (_: unknown, c) => <StatusTag status={c.status} label={c.statusLabel} />,
    },
    { title: t('certification.columns.submittedAt'), dataIndex: 'submittedAt', render: when },
    {
      title: t('certification.columns.action'),
      key: 'action',
      render: (_: unknown, c) => (
        <Button
          size="small"
          type={open === c.id ? 'primary' : 'default'}
          onClick={() => setOpen(c.id)}
          aria-label={`${t('certification.open')} ${c.talent.name} ${c.caseCode}`}
        >
          {t('certification.open')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <label htmlFor="case-status">{t('certification.statusFilter')}</label>
        <Select
          id="case-status"
          allowClear
          style={{ minWidth: 200 }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`certification.statuses.${s}`) }))}
        />
      </Flex>
      {list.isError ? (
        <QueryError
          title={t('certification.loadFailed')}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText }}
        />
      )}
      {open !== undefined ? (
        detail.isPending ? (
          <Loading />
        ) : detail.isError ? (
          <QueryError title={t('certification.loadFailed')} error={detail.error} />
        ) : (
          <section aria-label={t('certification.caseTitle', { code: detail.data.case.caseCode })}>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <h2 style={{ fontSize: 18, margin: 0 }}>
                {t('certification.caseTitle', { code: detail.data.case.caseCode })}
              </h2>
              <Button onClick={() => setOpen(undefined)}>{t('certification.close')}</Button>
            </Flex>
            <CaseFile detail={detail.data} actions={actions(detail.data)} />
          </section>
        )
      ) : null}
    </Flex>
  );
}
