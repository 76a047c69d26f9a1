import { CheckCircleTwoTone, ExclamationCircleTwoTone, MinusCircleTwoTone } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Result, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type MyPolicies, type MyPolicy, type MyPolicyGroup, useMyPolicies } from '../../api/matching';
import { useUser } from '../../auth/user-context';
import { ButtonLink } from '../../components/button-link';
import { QueryError } from '../../components/query-error';
import { formatMoney } from '../policies/scope';

function Amount({ item }: { item: MyPolicy }) {
  const { t, i18n } = useTranslation();
  if (item.verdict !== 'eligible') return null;
  if (item.amount === null)
    return <Typography.Text type="secondary">{t('calculator.amountPending')}</Typography.Text>;
  if (item.amount === 0)
    return <Typography.Text type="secondary">{t('matching.my.service')}</Typography.Text>;
  return (
    <Typography.Text strong className="result-amount">
      {formatMoney(item.amount, i18n.language)}
    </Typography.Text>
  );
}

function PolicyItem({ item }: { item: MyPolicy }) {
  const { t, i18n } = useTranslation();
  const displaced = item.exclusivity && item.verdict === 'eligible' && !item.exclusivity.chosen;
  return (
    <li id={item.policyId} className={`result-item${displaced ? ' result-item-muted' : ''}`}>
      <Flex justify="space-between" gap={12} wrap align="flex-start">
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Flex gap={6} wrap align="center">
            <Link to={`/policies/${item.policyId}`}>{item.title}</Link>
            {item.automatic ? <Tag color="green">{t('policies.automatic')}</Tag> : null}
            {item.illustrative && item.amount ? <Tag color="orange">{t('policies.illustrative')}</Tag> : null}
          </Flex>
          {item.summary && item.verdict === 'eligible' ? (
            <Typography.Text type="secondary">{item.summary}</Typography.Text>
          ) : null}
        </Flex>
        <Flex gap={12} align="center" wrap>
          <Amount item={item} />
          {item.applyUrl ? (
            <ButtonLink
              to={item.applyUrl}
              type="primary"
              aria-label={t('matching.my.applyLabel', { title: item.title })}
            >
              {t('matching.my.apply')}
            </ButtonLink>
          ) : null}
        </Flex>
      </Flex>
      {displaced ? (
        <Typography.Text type="secondary">
          {t('matching.my.notChosen', { other: item.exclusivity?.displacedByTitle ?? '' })}
        </Typography.Text>
      ) : null}
      {item.verdict === 'eligible' && item.automatic && !displaced ? (
        <Typography.Text type="success">{t('matching.my.automatic')}</Typography.Text>
      ) : null}
      {item.verdict === 'eligible' && item.schedule.length > 1 ? (
        <ul className="plain-list schedule-list">
          {item.schedule.map((s) => (
            <li key={s.dueDate + s.share}>
              {t('matching.my.instalment', {
                date: s.dueDate,
                amount: s.amount === null ? '—' : formatMoney(s.amount, i18n.language),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {item.verdict === 'unknown' ? (
        <Flex vertical gap={4}>
          <Typography.Text>{t('matching.my.missingIntro')}</Typography.Text>
          <ul className="plain-list">
            {item.missing.map((m) => (
              <li key={m.name}>
                {m.label} · <Link to={m.link}>{t('matching.my.supply')}</Link>
              </li>
            ))}
          </ul>
          {item.amountText ? (
            <Typography.Text type="secondary">
              {t('matching.my.wouldGive', { amount: item.amountText })}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      {item.verdict === 'ineligible' && item.reasons.length ? (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary">{t('matching.my.reasonsIntro')}</Typography.Text>
          <ul className="plain-list reasons-list">
            {item.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Flex>
      ) : null}
    </li>
  );
}

function Section({
  title,
  icon,
  items,
  id,
}: {
  title: string;
  icon: React.ReactNode;
  items: MyPolicy[];
  id: string;
}) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <Typography.Title level={2} id={id} style={{ fontSize: 18 }}>
        {icon} {title}
      </Typography.Title>
      <Card size="small">
        <ul className="plain-list result-list">
          {items.map((item) => (
            <PolicyItem key={item.policyId} item={item} />
          ))}
        </ul>
      </Card>
    </section>
  );
}

function GroupNote({ group }: { group: MyPolicyGroup }) {
  const { t, i18n } = useTranslation();
  const text = group.chosenTitle
    ? t('matching.my.groupChosen', {
        name: group.name,
        rule: group.resolutionText,
        chosen: group.chosenTitle,
      })
    : t('matching.my.groupNone', { name: group.name, rule: group.resolutionText });
  return (
    <Alert
      type="info"
      showIcon
      title={text}
      description={
        <ul className="plain-list">
          {group.members.map((m) => (
            <li key={m.policyId}>
              {t('matching.my.memberAmount', {
                title: m.title,
                amount:
                  m.verdict === 'eligible' && m.amount !== null
                    ? formatMoney(m.amount, i18n.language)
                    : t(`matching.my.${m.verdict}`),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function Summary({ data }: { data: MyPolicies }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small">
      <Flex gap={32} wrap align="center">
        <Statistic
          title={t('matching.my.total')}
          value={formatMoney(data.total, i18n.language)}
          styles={{ content: { color: '#1d4ed8', fontWeight: 600 } }}
        />
        <Flex vertical gap={4}>
          <Typography.Text>
            <Tag color="green">{t('matching.my.eligibleCount', { count: data.counts.eligible })}</Tag>
            <Tag color="gold">{t('matching.my.unknownCount', { count: data.counts.unknown })}</Tag>
            <Tag>{t('matching.my.ineligibleCount', { count: data.counts.ineligible })}</Tag>
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('matching.my.totalNote')}
            {data.totalComplete ? '' : ` ${t('matching.my.totalIncomplete')}`}
          </Typography.Text>
          {data.decidedAt ? (
            <Typography.Text type="secondary">
              {t('matching.my.decidedAt', {
                at: new Date(data.decidedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN'),
                version: data.packVersion.version,
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

/** 我的政策: every policy of the user's audience with its verdict, from the eligibility snapshot. */
export default function MyPoliciesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const query = useMyPolicies(user.district);
  const [showIneligible, setShowIneligible] = useState(false);
  const data = query.data;
  const enterprise = user.role === 'enterprise';

  return (
    <Flex vertical gap={20}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
          {t('matching.my.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('matching.my.intro')}
        </Typography.Paragraph>
      </header>
      {query.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {query.isError ? (
        <QueryError
          title={t('matching.loadFailed')}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : null}
      {data && !data.subject ? (
        <Result
          status="info"
          title={t(enterprise ? 'matching.my.noRecordEnterprise' : 'matching.my.noRecord')}
          subTitle={t(enterprise ? 'matching.my.noRecordEnterpriseHint' : 'matching.my.noRecordHint')}
          extra={
            <ButtonLink to={enterprise ? '/enterprise' : '/profile'} type="primary">
              {t(enterprise ? 'matching.my.goEnterprise' : 'matching.my.goProfile')}
            </ButtonLink>
          }
        />
      ) : null}
      {data?.subject ? (
        <>
          <Summary data={data} />
          {data.counts.eligible === 0 ? <Empty description={t('matching.my.emptyEligible')} /> : null}
          <Section
            id="eligible-title"
            title={t('matching.my.eligible')}
            icon={<CheckCircleTwoTone twoToneColor="#16a34a" aria-hidden />}
            items={data.items.filter((i) => i.verdict === 'eligible')}
          />
          {data.groups.length ? (
            <section aria-labelledby="groups-title">
              <Typography.Title level={2} id="groups-title" style={{ fontSize: 18 }}>
                {t('matching.my.groupsTitle')}
              </Typography.Title>
              <Flex vertical gap={8}>
                {data.groups.map((g) => (
                  <GroupNote key={g.group} group={g} />
                ))}
              </Flex>
            </section>
          ) : null}
          <Section
            id="unknown-title"
            title={t('matching.my.unknown')}
            icon={<ExclamationCircleTwoTone twoToneColor="#d97706" aria-hidden />}
            items={data.items.filter((i) => i.verdict === 'unknown')}
          />
          {data.counts.ineligible ? (
            <Button
              type="link"
              onClick={() => setShowIneligible((v) => !v)}
              style={{ alignSelf: 'flex-start' }}
            >
              {showIneligible
                ? t('matching.my.hideIneligible')
                : t('matching.my.showIneligible', { count: data.counts.ineligible })}
            </Button>
          ) : null}
          {showIneligible ? (
            <Section
              id="ineligible-title"
              title={t('matching.my.ineligible')}
              icon={<MinusCircleTwoTone twoToneColor="#94a3b8" aria-hidden />}
              items={data.items.filter((i) => i.verdict === 'ineligible')}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}
