/** Pieces the certification screens share: status tags, the catalogue's criteria tree, a case's file. */
import {
  CheckCircleFilled,
  CloseCircleFilled,
  FilePdfOutlined,
  FileTextOutlined,
  QuestionCircleFilled,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  List,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CatalogueEvaluation,
  CertificationCaseDetail,
  CertificationStatus,
  CriterionText,
} from '../../api/certification';

const statusColors: Record<CertificationStatus, string> = {
  department_review: 'processing',
  committee_review: 'purple',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  revoked: 'default',
};

export function StatusTag({ status, label }: { status: CertificationStatus; label: string }) {
  return <Tag color={statusColors[status]}>{label}</Tag>;
}

/** Nested criteria: indented, without bullets (each line has its outcome icon). */
const listStyle = { listStyle: 'none', paddingLeft: 22, margin: '4px 0' } as const;

const tri = {
  pass: { icon: <CheckCircleFilled aria-hidden style={{ color: '#16a34a' }} />, key: 'tierMet' },
  fail: { icon: <CloseCircleFilled aria-hidden style={{ color: '#dc2626' }} />, key: 'tierNotMet' },
  unknown: { icon: <QuestionCircleFilled aria-hidden style={{ color: '#d97706' }} />, key: 'tierUnknown' },
} as const;

/** A criterion and its sub-criteria, each with its outcome in words (not colour alone). */
export function CriterionTree({ node }: { node: CriterionText }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const mark = tri[node.status];
  return (
    <li>
      <Flex gap={6} align="baseline" wrap>
        {mark.icon}
        <span>{node.text}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {zh ? '（' : '('}
          {t(`certification.${mark.key}`)}
          {node.actual !== null
            ? `${zh ? '；' : '; '}${t('certification.actual', { value: node.actual })}`
            : ''}
          {zh ? '）' : ')'}
        </Typography.Text>
      </Flex>
      {node.children?.length ? (
        <ul style={listStyle}>
          {node.children.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: criteria have no ids; their order is fixed
            <CriterionTree key={i} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Every tier of the catalogue with its criteria, the met ones first opened. */
export function TierExplanations({ evaluation }: { evaluation: CatalogueEvaluation }) {
  const { t, i18n } = useTranslation();
  const list = i18n.language === 'en' ? ', ' : '、';
  return (
    <Collapse
      defaultActiveKey={evaluation.tier !== 'NONE' ? [evaluation.tier] : []}
      items={evaluation.tiers.map((tier) => ({
        key: tier.tier,
        label: (
          <Flex gap={8} align="center" wrap>
            {tri[tier.status].icon}
            <strong>
              {tier.tier} · {tier.name}
            </strong>
            <Tag color={tier.status === 'pass' ? 'green' : tier.status === 'fail' ? 'default' : 'orange'}>
              {t(`certification.${tri[tier.status].key}`)}
            </Tag>
          </Flex>
        ),
        children: (
          <Flex vertical gap={8}>
            <ul style={{ ...listStyle, paddingLeft: 0 }}>
              <CriterionTree node={tier.criteria} />
            </ul>
            {tier.missing.length ? (
              <Typography.Text type="warning">
                {t('certification.missingFacts', { facts: tier.missing.map((m) => m.label).join(list) })}
              </Typography.Text>
            ) : null}
            {tier.entitlements.length ? (
              <Typography.Text type="secondary">
                {t('certification.entitlements', { list: tier.entitlements.join(list) })}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}

/** The case file: who, what, the evidence, the catalogue check, the history; `actions` below it. */
export function CaseFile({
  detail,
  actions,
  showTalent = true,
}: {
  detail: CertificationCaseDetail;
  actions?: ReactNode;
  showTalent?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const c = detail.case;
  const when = (at: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        items={[
          ...(showTalent
            ? [{ key: 'talent', label: t('certification.columns.talent'), children: c.talent.name }]
            : []),
          { key: 'code', label: t('certification.columns.code'), children: <code>{c.caseCode}</code> },
          { key: 'path', label: t('certification.columns.path'), children: c.pathLabel },
          {
            key: 'status',
            label: t('certification.columns.status'),
            children: <StatusTag status={c.status} label={c.statusLabel} />,
          },
          {
            key: 'requested',
            label: t('certification.tier'),
            children: `${c.requestedTier} · ${c.requestedTierName}`,
          },
          {
            key: 'catalogue',
            label: t('certification.caseCatalogue', { tier: '' }).replace(/[:：]\s*$/, ''),
            children: c.catalogueTierName,
          },
          ...(detail.employer
            ? [
                {
                  key: 'employer',
                  label: t('certification.poolColumns.employer'),
                  children: detail.employer.name,
                },
              ]
            : []),
          ...(detail.nominator
            ? [
                {
                  key: 'nominator',
                  label: t('certification.caseNominator', { name: '' }).replace(/[:：]\s*$/, ''),
                  children: detail.nominator.name,
                },
              ]
            : []),
          { key: 'submitted', label: t('certification.columns.submittedAt'), children: when(c.submittedAt) },
          ...(c.certificateNo
            ? [
                {
                  key: 'cert',
                  label: t('certification.verifyNo'),
                  children: (
                    <span>
                      <code>{c.certificateNo}</code> ·{' '}
                      {t('certification.validity', { from: c.validFrom, to: c.validTo })}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      {c.needsCommittee ? <Alert type="info" showIcon title={t('certification.caseCommittee')} /> : null}
      {c.revokedReason ? (
        <Alert type="warning" showIcon title={t('certification.revoked')} description={c.revokedReason} />
      ) : null}
      {detail.recommender ? (
        <Card size="small" title={t('certification.recommendation')}>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {[detail.recommender.name, detail.recommender.title]
              .filter(Boolean)
              .join(i18n.language === 'en' ? ', ' : '，')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {detail.recommender.statement}
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Card size="small" title={t('certification.evidenceTitle')}>
        {detail.evidence.length ? (
          <List
            size="small"
            dataSource={detail.evidence}
            renderItem={(d) => (
              <List.Item>
                <Flex gap={8} align="center">
                  {d.mime === 'application/pdf' ? (
                    <FilePdfOutlined aria-hidden />
                  ) : (
                    <FileTextOutlined aria-hidden />
                  )}
                  <span>{d.fileName}</span>
                  <Tag>{d.kind}</Tag>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('certification.evidenceEmpty')} />
        )}
      </Card>
      {detail.explanation ? (
        <Card size="small" title={t('certification.explanationTitle')}>
          <Typography.Paragraph>
            {detail.explanation.tier !== 'NONE'
              ? t('certification.qualifies', { tier: detail.explanation.tierName })
              : t('certification.qualifiesNone')}
          </Typography.Paragraph>
          <TierExplanations evaluation={detail.explanation} />
        </Card>
      ) : null}
      {actions}
      <Card size="small" title={t('certification.eventsTitle')}>
        <Timeline
          items={detail.events.map((e) => ({
            key: e.id,
            content: (
              <Flex vertical gap={2}>
                <span>
                  <strong>{e.actionLabel}</strong> · {e.actor}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {when(e.at)}
                </Typography.Text>
                {e.reason ? <span>{e.reason}</span> : null}
              </Flex>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}

/** A plain link button that downloads a certificate PDF (the browser sends the session cookie). */
export function DownloadCertificate({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" icon={<FilePdfOutlined aria-hidden />} href={href} download>
      {t('certification.download')}
    </Button>
  );
}
