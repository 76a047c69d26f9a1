/** 聚·人才 for a talent: demands recommended by fit with the reasons, Chinese search, apply, opt-in. */
import { Alert, Button, Card, Empty, Flex, Input, List, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useApply, useDemands, useOptIn, useRecommended } from '../../api/demand';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { DemandCard, Reasons } from './parts';
import './demand.css';

export default function JobsPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const recommended = useRecommended(district);
  const [q, setQ] = useState('');
  const search = useDemands(district, q ? { q } : {});
  const apply = useApply(district);
  const optIn = useOptIn(district);
  const data = recommended.data;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('demand.jobsTitle')}
      </Typography.Title>
      <Card size="small">
        <Flex align="center" gap={12} wrap>
          <Switch
            checked={data?.optedIn ?? false}
            loading={optIn.isPending}
            onChange={(v) => optIn.mutate(v)}
            aria-label={t('demand.optInLabel')}
          />
          <span>{t('demand.optInLabel')}</span>
          <Typography.Text type="secondary">{t('demand.optInHint')}</Typography.Text>
        </Flex>
      </Card>
      {apply.isError ? <Alert type="error" showIcon title={errorMessage(apply.error)} /> : null}
      <section aria-label={t('demand.recommendedTitle')}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('demand.recommendedTitle')}
        </Typography.Title>
        {recommended.isLoading ? (
          <Loading />
        ) : recommended.isError ? (
          <QueryError
            title={t('demand.loadFailed')}
            error={recommended.error}
            onRetry={() => void recommended.refetch()}
          />
        ) : (data?.items.length ?? 0) === 0 ? (
          <Empty description={t('demand.noRecommendations')} />
        ) : (
          <Flex vertical gap={12}>
            {data?.items.map((r) => (
              <DemandCard
                key={r.demand.id}
                demand={r.demand}
                extra={
                  <Flex gap={8} align="center">
                    <Tag color="blue" className="demand-score">
                      {t('demand.fitScore', { score: r.score })}
                    </Tag>
                    <Button
                      type="primary"
                      disabled={r.applied}
                      loading={apply.isPending && apply.variables === r.demand.id}
                      onClick={() => apply.mutate(r.demand.id)}
                      aria-label={r.applied ? t('demand.applied') : `${t('demand.apply')} ${r.demand.title}`}
                    >
                      {r.applied ? t('demand.applied') : t('demand.apply')}
                    </Button>
                  </Flex>
                }
              >
                <Reasons reasons={r.reasons} />
              </DemandCard>
            ))}
          </Flex>
        )}
      </section>
      <section aria-label={t('demand.searchTitle')}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('demand.searchTitle')}
        </Typography.Title>
        <Input.Search
          aria-label={t('demand.searchLabel')}
          placeholder={t('demand.searchPlaceholder')}
          allowClear
          enterButton={t('demand.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ maxWidth: 520, marginBottom: 12 }}
        />
        <List
          loading={search.isLoading}
          locale={{ emptyText: t('demand.noResults') }}
          dataSource={search.data?.items ?? []}
          renderItem={(d) => (
            <List.Item style={{ display: 'block', border: 0, padding: '4px 0' }}>
              <DemandCard demand={d} />
            </List.Item>
          )}
        />
      </section>
    </Flex>
  );
}
