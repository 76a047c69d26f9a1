/** 人才服务驿站 (station): the talents who consented, and a claim for one of them; every act names both sides. */
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyApplications, useStationTalents } from '../../api/claims';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { ButtonLink } from '../../components/button-link';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { pick, StatusTag, when } from '../applications/parts';

function ApplyFor({ talentId, talentName }: { talentId: number; talentName: string | null }) {
  const { t } = useTranslation();
  const user = useUser();
  const [policy, setPolicy] = useState<string | undefined>();
  const policies = useQuery({
    queryKey: ['station-policies', user.district],
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/policies', {
          params: {
            path: { district: user.district },
            query: { audience: 'talent', grantMode: 'apply', pageSize: 50 } as never,
          },
        }),
      ),
  });
  return (
    <Flex wrap gap={8} align="center">
      <Select
        style={{ minWidth: 260 }}
        aria-label={`${t('claims.station.policy')} ${talentName ?? ''}`}
        placeholder={t('claims.station.policy')}
        loading={policies.isPending}
        value={policy}
        onChange={setPolicy}
        options={(policies.data?.items ?? []).map((p) => ({ value: p.policyId, label: p.title }))}
        showSearch
        optionFilterProp="label"
      />
      <ButtonLink
        type="primary"
        disabled={!policy}
        to={`/applications/new?policy=${encodeURIComponent(policy ?? '')}&talent=${talentId}`}
      >
        {t('claims.station.apply')}
      </ButtonLink>
    </Flex>
  );
}

export default function StationPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const talents = useStationTalents(user.district);
  const apps = useMyApplications(user.district);
  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('claims.station.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('claims.station.intro')}</Typography.Text>
      </header>
      <Card size="small" title={<h2 className="card-heading">{t('claims.station.talents')}</h2>}>
        {talents.isPending ? (
          <Loading />
        ) : talents.isError ? (
          <QueryError
            title={t('claims.station.loadFailed')}
            error={talents.error}
            onRetry={() => void talents.refetch()}
          />
        ) : (
          <List
            dataSource={talents.data.items}
            locale={{ emptyText: t('claims.station.empty') }}
            renderItem={(c) => (
              <List.Item>
                <Flex vertical gap={8} style={{ width: '100%' }}>
                  <Flex wrap gap={8} align="center">
                    <Typography.Text strong>{c.talentName}</Typography.Text>
                    {c.scope.map((s) => (
                      <Tag key={s}>{t(`claims.station.scopes.${s}`)}</Tag>
                    ))}
                    <Typography.Text type="secondary">
                      {t('claims.station.expires')} {when(c.expiresAt)}
                    </Typography.Text>
                  </Flex>
                  {c.scope.includes('claims') ? (
                    <ApplyFor talentId={c.talentId} talentName={c.talentName} />
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={<h2 className="card-heading">{t('claims.station.applications')}</h2>}>
        <Table
          rowKey="id"
          size="small"
          loading={apps.isPending}
          pagination={false}
          scroll={{ x: true }}
          dataSource={apps.data?.items ?? []}
          locale={{ emptyText: t('claims.station.applicationsEmpty') }}
          columns={[
            {
              title: t('claims.list.policy'),
              key: 'p',
              render: (_, a) => <Link to={`/applications/${a.id}`}>{pick(i18n.language, a.title)}</Link>,
            },
            { title: t('claims.review.applicant'), key: 'w', render: (_, a) => a.subjectName },
            {
              title: t('claims.list.statusCol'),
              key: 's',
              render: (_, a) => <StatusTag status={a.status} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
