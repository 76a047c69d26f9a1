/** 大屏模式: the dashboard dark, full-screen, in large type, re-read every minute (administrators only). */
import { CompressOutlined, ExpandOutlined, LeftOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Result, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useDashboard } from '../../api/insights';
import { useUser } from '../../auth/user-context';
import { useDistrictName } from '../../components/district-name';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { DashboardView } from './dashboard-view';
import './insights.css';

const REFRESH_MS = 60_000;

function Clock() {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="big-clock">
      {now.toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
    </span>
  );
}

export default function BigScreenPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const params = useParams();
  const district = params.district ?? user.district;
  const districtName = useDistrictName(district);
  const navigate = useNavigate();
  const [full, setFull] = useState(false);
  const dashboard = useDashboard(district, REFRESH_MS);
  useEffect(() => {
    const on = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  if (user.role !== 'admin') {
    return <Result status="403" title={t('forbidden.title')} subTitle={t('insights.bigScreenAdminOnly')} />;
  }
  const data = dashboard.data;
  return (
    <ConfigProvider
      theme={{ algorithm: theme.darkAlgorithm, token: { fontSize: 18, colorBgContainer: '#0f1b33' } }}
    >
      <div className="big-screen">
        <Flex justify="space-between" align="center" wrap gap={12} className="big-header">
          <h1 className="big-title">
            {districtName} · {t('insights.bigTitle')}
          </h1>
          <Flex gap={12} align="center" wrap>
            <span className="big-refreshed">
              {data?.refreshedAt
                ? t('insights.refreshedAt', { at: new Date(data.refreshedAt).toLocaleString(i18n.language) })
                : t('insights.notRefreshed')}
            </span>
            <Clock />
            <Button
              icon={full ? <CompressOutlined aria-hidden /> : <ExpandOutlined aria-hidden />}
              onClick={() =>
                full ? void document.exitFullscreen() : void document.documentElement.requestFullscreen()
              }
            >
              {full ? t('insights.exitFullScreen') : t('insights.fullScreen')}
            </Button>
            <Button icon={<LeftOutlined aria-hidden />} onClick={() => navigate('/admin/insights')}>
              {t('insights.back')}
            </Button>
          </Flex>
        </Flex>
        {dashboard.isLoading ? (
          <Loading />
        ) : dashboard.isError || !data ? (
          <QueryError
            title={t('insights.loadFailed')}
            error={dashboard.error}
            onRetry={() => void dashboard.refetch()}
          />
        ) : (
          <DashboardView data={data} district={district} big editable={false} />
        )}
      </div>
    </ConfigProvider>
  );
}
