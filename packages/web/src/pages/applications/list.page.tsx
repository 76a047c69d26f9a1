/** My applications (我的申请): the claims with their step and deadline, and the policies granted (免申即享 included). */
import { Card, Flex, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Application, useMyApplications, useMyGrants } from '../../api/claims';
import { useUser } from '../../auth/user-context';
import { ButtonLink } from '../../components/button-link';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { ApplicationsReviewTab } from '../review/applications-tab';
import { money, PayTag, pick, StatusTag, when } from './parts';

export default function MyApplicationsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const apps = useMyApplications(user.district);
  const grants = useMyGrants(user.district, user.role !== 'station');
  const lang = i18n.language;

  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('claims.list.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('claims.list.intro')}</Typography.Text>
      </header>
      {user.role === 'talent' ? (
        <div>
          <ButtonLink to="/settings/stations">{t('claims.list.stations')}</ButtonLink>
        </div>
      ) : null}
      {apps.isPending ? (
        <Loading />
      ) : apps.isError ? (
        <QueryError
          title={t('claims.list.loadFailed')}
          error={apps.error}
          onRetry={() => void apps.refetch()}
        />
      ) : (
        <Table<Application>
          rowKey="id"
          size="middle"
          dataSource={apps.data.items}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('claims.list.empty') }}
          columns={[
            {
              title: t('claims.list.policy'),
              key: 'title',
              render: (_, a) => <Link to={`/applications/${a.id}`}>{pick(lang, a.title)}</Link>,
            },
            {
              title: t('claims.list.amount'),
              key: 'amount',
              render: (_, a) => t('claims.yuan', { amount: money(a.amount) }),
            },
            {
              title: t('claims.list.statusCol'),
              key: 'status',
              render: (_, a) => <StatusTag status={a.status} />,
            },
            {
              title: t('claims.list.due'),
              key: 'due',
              render: (_, a) =>
                a.stageDueAt ? (
                  <span>
                    {when(a.stageDueAt)}{' '}
                    {a.overdue ? <Tag color="error">{t('claims.list.overdue')}</Tag> : null}
                  </span>
                ) : (
                  '—'
                ),
            },
            { title: t('claims.list.submittedAt'), key: 'at', render: (_, a) => when(a.createdAt) },
          ]}
        />
      )}
      {user.role === 'enterprise' ? (
        <Card size="small" title={<h2 className="card-heading">{t('claims.review.employerTitle')}</h2>}>
          <ApplicationsReviewTab />
        </Card>
      ) : null}
      {user.role !== 'station' ? (
        <Card size="small" title={<h2 className="card-heading">{t('claims.list.grantsTitle')}</h2>}>
          {grants.isPending ? (
            <Loading />
          ) : grants.isError ? (
            <QueryError title={t('claims.list.loadFailed')} error={grants.error} />
          ) : (
            <List
              dataSource={grants.data.items}
              locale={{ emptyText: t('claims.list.grantsEmpty') }}
              renderItem={(g) => (
                <List.Item>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Flex wrap gap={8} align="center">
                      <Typography.Text strong>{pick(lang, g.title)}</Typography.Text>
                      <Tag color={g.mode === 'automatic' ? 'green' : 'blue'}>
                        {g.mode === 'automatic' ? t('claims.list.automatic') : t('claims.list.applied')}
                      </Tag>
                      <span>{t('claims.yuan', { amount: money(g.amount) })}</span>
                      <Typography.Text type="secondary">{g.grantDate}</Typography.Text>
                    </Flex>
                    {g.payments.length ? (
                      <Flex wrap gap={8}>
                        {g.payments.map((p) => (
                          <span key={p.id}>
                            {p.dueDate} {t('claims.yuan', { amount: money(p.amount) })}{' '}
                            <PayTag status={p.status} />
                          </span>
                        ))}
                      </Flex>
                    ) : null}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      ) : null}
    </Flex>
  );
}
