import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Descriptions, Flex, Layout, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useVerification } from '../../api/talentCode';
import { Brand } from '../../components/brand';
import { useDistrictName } from '../../components/district-name';
import { LanguageSwitch } from '../../components/language-switch';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { usePeriodLabel } from './shared';
import './talent-code.css';

function Verdict() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const check = useVerification(token);
  const period = usePeriodLabel();
  const district = useDistrictName(check.data?.valid ? check.data.district : '');
  if (check.isPending) return <Loading />;
  if (check.isError) {
    return (
      <QueryError
        title={t('talentCode.verifyFailed')}
        error={check.error}
        onRetry={() => void check.refetch()}
      />
    );
  }
  const v = check.data;
  if (!v.valid) {
    return (
      <Card className="verify-card verify-bad">
        <Flex vertical align="center" gap={8}>
          <CloseCircleFilled aria-hidden className="verify-icon" />
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('talentCode.invalidWithReason', { reason: t(`talentCode.reason_${v.reason}`) })}
          </Typography.Title>
          <Typography.Text>{v.message}</Typography.Text>
        </Flex>
      </Card>
    );
  }
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(v.expiresAt));
  return (
    <Card className="verify-card verify-ok">
      <Flex vertical gap={12}>
        <Flex vertical align="center" gap={8}>
          <CheckCircleFilled aria-hidden className="verify-icon" />
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('talentCode.valid')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('talentCode.expiresAt', { time })}</Typography.Text>
        </Flex>
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'holder', label: t('talentCode.holder'), children: v.name ?? '—' },
            { key: 'tier', label: t('talentCode.tier'), children: v.tierName },
            { key: 'district', label: t('talentCode.district'), children: district },
          ]}
        />
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {t('talentCode.entitlementsOf')}
        </Typography.Title>
        <List
          size="small"
          bordered
          dataSource={v.entitlements}
          renderItem={(e) => (
            <List.Item>
              <span>{e.name}</span>
              <Typography.Text type="secondary">
                {e.quota
                  ? t('talentCode.quotaCount', { period: period(e.quota.per), count: e.quota.count })
                  : t('talentCode.unlimited')}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}

/** The page a phone camera opens from the QR (`/v/<token>`): valid or not, with the reason; no sign-in. */
export default function VerifyPage() {
  const { t } = useTranslation();
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Brand />
        <LanguageSwitch compact />
      </Layout.Header>
      <Layout.Content className="shell-content public-content">
        <main className="verify-page">
          <Typography.Title level={1} style={{ marginTop: 0, fontSize: 22 }}>
            {t('talentCode.verifyTitle')}
          </Typography.Title>
          <Verdict />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            {t('talentCode.verifyNote')}
          </Typography.Paragraph>
        </main>
      </Layout.Content>
    </Layout>
  );
}
