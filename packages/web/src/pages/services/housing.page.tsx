/** 人才安居 for the talent (phone first): may I apply, the buildings, my place in the queue, my lease. */
import { HomeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApplyHousing, useBuildings, useMyHousing, useWithdrawHousing } from '../../api/services';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

export default function HousingPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const mine = useMyHousing(district);
  const buildings = useBuildings(district);
  const apply = useApplyHousing(district);
  const withdraw = useWithdrawHousing(district);
  const f = useFormat();
  if (mine.isPending) return <Loading />;
  if (mine.isError)
    return (
      <QueryError title={t('services.loadFailed')} error={mine.error} onRetry={() => void mine.refetch()} />
    );
  const { eligibility, application, lease } = mine.data;
  const open = application && (application.status === 'waiting' || application.status === 'allocated');
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.housing.title')} intro={t('services.housing.intro')} />
      <ActionError error={apply.error ?? withdraw.error} />
      {lease ? (
        <Card title={t('services.housing.myLease')} size="small">
          <Flex vertical gap={4}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              <HomeOutlined aria-hidden />{' '}
              {t('services.housing.leaseUnit', {
                building: lease.apartment.building,
                unit: lease.apartment.unit,
              })}
            </Typography.Text>
            <span>
              {t('services.housing.leasePeriod', {
                start: f.date(lease.startDate),
                end: f.date(lease.endDate),
              })}
            </span>
            <span>
              {t('services.perMonth', { amount: f.money(lease.rentMonthly) })} ·{' '}
              {t('services.sqm', { area: lease.apartment.areaSqm })}
            </span>
          </Flex>
        </Card>
      ) : null}
      {application && application.status === 'waiting' ? (
        <Card title={t('services.housing.myApplication')} size="small">
          <Flex vertical gap={8}>
            <Flex gap={8} align="center" wrap>
              <Tag color="blue">{t(`services.housing.status.${application.status}`)}</Tag>
              <span>{application.building}</span>
            </Flex>
            <Typography.Text strong style={{ fontSize: 20 }}>
              {t('services.housing.position', { position: application.position })}
            </Typography.Text>
            <Typography.Text type="secondary">{t('services.housing.positionHint')}</Typography.Text>
            <Typography.Text type="secondary">
              {t('services.housing.appliedAt', { at: f.dateTime(application.appliedAt) })}
            </Typography.Text>
            <Popconfirm
              title={t('services.housing.withdraw')}
              onConfirm={() => withdraw.mutate(application.id)}
            >
              <Button danger loading={withdraw.isPending} style={{ alignSelf: 'flex-start' }}>
                {t('services.housing.withdraw')}
              </Button>
            </Popconfirm>
          </Flex>
        </Card>
      ) : null}
      {!open ? (
        <Alert
          type={eligibility.eligible ? 'success' : 'warning'}
          showIcon
          title={eligibility.eligible ? t('services.housing.eligible') : t('services.housing.notEligible')}
          description={eligibility.eligible ? undefined : eligibility.reason}
        />
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('services.housing.buildings')}
      </Typography.Title>
      {buildings.isError ? <QueryError title={t('services.loadFailed')} error={buildings.error} /> : null}
      <List
        loading={buildings.isPending}
        dataSource={buildings.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('services.housing.noBuildings')} /> }}
        renderItem={(b) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <Flex vertical gap={6}>
                <Typography.Text strong>{b.building}</Typography.Text>
                <Flex gap={6} wrap>
                  <Tag>{t('services.housing.flats', { count: b.flats })}</Tag>
                  <Tag color={b.vacant > 0 ? 'green' : 'default'}>
                    {t('services.housing.vacant', { count: b.vacant })}
                  </Tag>
                  <Tag color={b.waiting > 0 ? 'orange' : 'default'}>
                    {t('services.housing.waiting', { count: b.waiting })}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {t('services.housing.rent', { min: b.rent.min, max: b.rent.max })} ·{' '}
                  {t('services.housing.area', { min: b.area.min, max: b.area.max })}
                </Typography.Text>
                {!open && eligibility.eligible ? (
                  <Button
                    type="primary"
                    block
                    loading={apply.isPending && apply.variables === b.building}
                    aria-label={t('services.housing.applyTo', { building: b.building })}
                    onClick={() => apply.mutate(b.building)}
                  >
                    {t('services.housing.apply')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    </Flex>
  );
}
