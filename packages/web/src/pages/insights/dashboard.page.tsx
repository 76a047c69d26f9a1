/** The administrator's 一图感知 page: the dashboard, refresh, big-screen mode and PDF via the print sheet. */
import { DesktopOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useDashboard, useRefreshInsights } from '../../api/insights';
import { useUser } from '../../auth/user-context';
import { useDistrictName } from '../../components/district-name';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { DashboardView } from './dashboard-view';
import './insights.css';

export default function InsightsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const district = user.district;
  const districtName = useDistrictName(district);
  const dashboard = useDashboard(district);
  const refresh = useRefreshInsights(district);
  const navigate = useNavigate();
  const data = dashboard.data;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
            {t('insights.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {districtName} ·{' '}
            {data?.refreshedAt
              ? t('insights.refreshedAt', { at: new Date(data.refreshedAt).toLocaleString(i18n.language) })
              : t('insights.notRefreshed')}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap className="insights-no-print">
          <Button
            icon={<ReloadOutlined aria-hidden />}
            loading={refresh.isPending}
            onClick={() => refresh.mutate()}
          >
            {t('insights.refresh')}
          </Button>
          <Button icon={<DesktopOutlined aria-hidden />} onClick={() => navigate(`/big-screen/${district}`)}>
            {t('insights.bigScreen')}
          </Button>
          <Button type="primary" icon={<FilePdfOutlined aria-hidden />} onClick={() => window.print()}>
            {t('insights.exportPdf')}
          </Button>
        </Flex>
      </Flex>
      {refresh.isError ? <QueryError title={t('insights.refreshFailed')} error={refresh.error} /> : null}
      {dashboard.isLoading ? (
        <Loading />
      ) : dashboard.isError || !data ? (
        <QueryError
          title={t('insights.loadFailed')}
          error={dashboard.error}
          onRetry={() => void dashboard.refetch()}
        />
      ) : (
        <DashboardView data={data} district={district} big={false} editable />
      )}
      {dashboard.isError && data ? (
        <Typography.Text type="danger">{errorMessage(dashboard.error)}</Typography.Text>
      ) : null}
    </Flex>
  );
}
