import { BankOutlined, CalculatorOutlined, MoneyCollectOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, List, Pagination, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type PolicyFilters, usePolicies } from '../../api/queries';
import type { Audience, PolicyListItem } from '../../api/types';
import { ButtonLink } from '../../components/button-link';
import { useDistrictName } from '../../components/district-name';
import { QueryError } from '../../components/query-error';
import { PolicyTags } from './policy-tags';
import { usePolicyScope } from './scope';

const PAGE_SIZE = 10;

function readFilters(params: URLSearchParams): PolicyFilters {
  const audience = params.get('audience');
  const grantMode = params.get('grantMode');
  const page = Number(params.get('page') ?? 1);
  return {
    q: params.get('q') || undefined,
    audience: audience === 'talent' || audience === 'enterprise' ? audience : undefined,
    kind: params.get('kind') || undefined,
    department: params.get('department') || undefined,
    grantMode: grantMode === 'apply' || grantMode === 'automatic' ? grantMode : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

function PolicyCard({ item, base }: { item: PolicyListItem; base: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="policy-card">
      <Flex vertical gap={8}>
        <Typography.Title level={2} className="policy-card-title">
          <Link to={`${base}/policies/${item.policyId}`}>{item.title}</Link>
        </Typography.Title>
        <PolicyTags
          audience={item.audience}
          kind={item.kind}
          automatic={item.automatic}
          illustrative={item.illustrative}
          inForce={item.inForce}
        />
        {item.summary ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {item.summary}
          </Typography.Paragraph>
        ) : null}
        <Flex gap={16} wrap className="policy-card-facts">
          <span>
            <MoneyCollectOutlined aria-hidden /> <span className="sr-only">{t('policies.amount')}</span>
            {item.amountText}
          </span>
          {item.department ? (
            <span>
              <BankOutlined aria-hidden /> <span className="sr-only">{t('policies.department')}</span>
              {item.department}
            </span>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

/** 政策库: the district's policies, searchable (Chinese word search) and filterable, open to everyone. */
export default function PolicyLibraryPage() {
  const { t } = useTranslation();
  const { district, base } = usePolicyScope();
  const districtName = useDistrictName(district);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = usePolicies(district, filters);
  const data = list.data;
  const filtered = Boolean(
    filters.q || filters.audience || filters.kind || filters.department || filters.grantMode,
  );

  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  }

  const audienceCount = (a: Audience) => data?.facets.audiences.find((x) => x.value === a)?.count ?? 0;
  const allCount = data ? data.facets.audiences.reduce((n, a) => n + a.count, 0) : 0;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 26 }}>
            {t('policies.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('policies.intro', { district: districtName })}
          </Typography.Text>
        </div>
        <ButtonLink to={`${base}/calculator`} icon={<CalculatorOutlined aria-hidden />}>
          {t('policies.openCalculator')}
        </ButtonLink>
      </Flex>

      <Card size="small">
        <Flex vertical gap={12}>
          <Input.Search
            key={filters.q ?? ''}
            defaultValue={filters.q}
            placeholder={t('policies.searchPlaceholder')}
            aria-label={t('policies.searchLabel')}
            enterButton={t('policies.search')}
            allowClear
            size="large"
            maxLength={100}
            onSearch={(value) => update({ q: value.trim() || undefined })}
          />
          <Flex gap={8} wrap align="center">
            <Segmented
              aria-label={t('policies.audience')}
              value={filters.audience ?? 'all'}
              onChange={(value) => update({ audience: value === 'all' ? undefined : String(value) })}
              options={[
                { value: 'all', label: `${t('policies.allAudiences')} ${allCount}` },
                { value: 'talent', label: `${t('audiences.talent')} ${audienceCount('talent')}` },
                { value: 'enterprise', label: `${t('audiences.enterprise')} ${audienceCount('enterprise')}` },
              ]}
            />
            <Select
              aria-label={t('policies.kind')}
              className="policy-filter"
              value={filters.kind ?? ''}
              onChange={(value: string) => update({ kind: value || undefined })}
              popupMatchSelectWidth={false}
              options={[
                { value: '', label: t('policies.allKinds') },
                ...(data?.facets.kinds ?? []).map((k) => ({
                  value: k.value,
                  label: `${k.label} (${k.count})`,
                })),
              ]}
            />
            <Select
              aria-label={t('policies.grantMode')}
              className="policy-filter"
              value={filters.grantMode ?? ''}
              onChange={(value: string) => update({ grantMode: value || undefined })}
              popupMatchSelectWidth={false}
              options={[
                { value: '', label: t('policies.allModes') },
                { value: 'automatic', label: t('policies.automatic') },
                { value: 'apply', label: t('policies.apply') },
              ]}
            />
            <Select
              aria-label={t('policies.department')}
              className="policy-filter"
              value={filters.department ?? ''}
              onChange={(value: string) => update({ department: value || undefined })}
              popupMatchSelectWidth={false}
              options={[
                { value: '', label: t('policies.allDepartments') },
                ...(data?.facets.departments ?? []).map((d) => ({ value: d, label: d })),
              ]}
            />
            {filtered ? (
              <Button type="link" onClick={() => setParams(new URLSearchParams())}>
                {t('policies.clearFilters')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>

      {list.isError ? (
        <QueryError title={t('policies.loadFailed')} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <section aria-label={t('policies.title')} aria-busy={list.isFetching}>
          <Typography.Text type="secondary" role="status">
            {data ? t('policies.found', { count: data.total }) : t('loading')}
          </Typography.Text>
          <List
            className="policy-list"
            loading={list.isPending}
            dataSource={data?.items ?? []}
            rowKey="policyId"
            split={false}
            locale={{
              emptyText: (
                <Empty description={t('policies.empty')}>
                  <Typography.Paragraph type="secondary">{t('policies.emptyHint')}</Typography.Paragraph>
                  {filtered ? (
                    <Button onClick={() => setParams(new URLSearchParams())}>
                      {t('policies.clearFilters')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
            renderItem={(item) => (
              <List.Item style={{ padding: '6px 0' }}>
                <PolicyCard item={item} base={base} />
              </List.Item>
            )}
          />
          {data && data.total > PAGE_SIZE ? (
            <Flex justify="center" style={{ marginTop: 8 }}>
              <Pagination
                current={filters.page}
                pageSize={PAGE_SIZE}
                total={data.total}
                showSizeChanger={false}
                onChange={(page) => {
                  update({ page: page === 1 ? undefined : String(page) });
                  window.scrollTo({ top: 0 });
                }}
              />
            </Flex>
          ) : null}
        </section>
      )}
    </Flex>
  );
}
