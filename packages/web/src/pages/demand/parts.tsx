/** Pieces shared by the demand screens: a demand's card, the fit reasons, status and scarcity tags. */
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemandItem } from '../../api/demand';

export function ScarcityTag({ scarcity }: { scarcity: string | null }) {
  const { t } = useTranslation();
  if (!scarcity) return null;
  const color = scarcity === 'high' ? 'red' : scarcity === 'medium' ? 'orange' : 'gold';
  return <Tag color={color}>{t(`demand.scarcity.${scarcity as 'high'}`)}</Tag>;
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const color =
    status === 'published'
      ? 'green'
      : status === 'pending'
        ? 'blue'
        : status === 'rejected'
          ? 'red'
          : 'default';
  return <Tag color={color}>{t(`demand.status.${status as 'pending'}`)}</Tag>;
}

export function Reasons({
  reasons,
}: {
  reasons: { code: string; ok: boolean; text: string; points: number; max: number }[];
}) {
  return (
    <ul className="demand-reasons">
      {reasons.map((r) => (
        <li key={r.code}>
          {r.ok ? (
            <CheckCircleFilled aria-hidden style={{ color: '#16a34a' }} />
          ) : (
            <MinusCircleOutlined aria-hidden style={{ color: '#94a3b8' }} />
          )}{' '}
          {r.text}（{r.points}/{r.max}）
        </li>
      ))}
    </ul>
  );
}

export function DemandCard({
  demand,
  extra,
  children,
}: {
  demand: DemandItem;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const salary =
    demand.salaryMin !== null || demand.salaryMax !== null
      ? t('demand.salaryRange', { min: demand.salaryMin ?? '—', max: demand.salaryMax ?? '—' })
      : t('demand.salaryOpen');
  return (
    <Card size="small" className="demand-card">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
            {demand.title}
          </Typography.Title>
          {extra}
        </Flex>
        <Flex gap={6} wrap>
          <StatusTag status={demand.status} />
          <ScarcityTag scarcity={demand.shortage} />
          <Tag>{demand.occupation}</Tag>
        </Flex>
        <Typography.Text type="secondary">
          {demand.enterpriseName} · {t('demand.headcountOf', { n: demand.headcount })} · {salary}
          {demand.degree
            ? ` · ${t(`demand.degrees.${demand.degree as 'bachelor'}`)}${t('demand.orAbove')}`
            : ''}
          {demand.experienceYears ? ` · ${t('demand.yearsOf', { n: demand.experienceYears })}` : ''}
          {demand.location ? ` · ${demand.location}` : ''}
          {demand.deadline ? ` · ${t('demand.deadlineOn', { date: demand.deadline })}` : ''}
        </Typography.Text>
        {demand.description ? (
          <Typography.Paragraph style={{ margin: 0 }}>{demand.description}</Typography.Paragraph>
        ) : null}
        {children}
      </Flex>
    </Card>
  );
}
