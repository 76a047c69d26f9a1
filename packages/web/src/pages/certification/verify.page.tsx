/** Public certificate verification (the certificate's QR opens it): valid, revoked or expired, no sign-in. */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Descriptions, Flex, Layout, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useVerifyCertificate } from '../../api/certification';
import { errorMessage } from '../../api/client';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { Loading } from '../../components/loading';

export default function VerifyCertificatePage() {
  const { t, i18n } = useTranslation();
  const { no = '' } = useParams();
  const verify = useVerifyCertificate(no);
  const v = verify.data;
  const icon =
    v?.status === 'valid' ? (
      <CheckCircleFilled aria-hidden style={{ color: '#16a34a' }} />
    ) : v?.status === 'revoked' ? (
      <CloseCircleFilled aria-hidden style={{ color: '#dc2626' }} />
    ) : (
      <ExclamationCircleFilled aria-hidden style={{ color: '#d97706' }} />
    );
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Brand />
        <LanguageSwitch compact />
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Flex vertical gap={16} style={{ maxWidth: 640, margin: '0 auto' }}>
          <header>
            <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
              {t('certification.verifyTitle')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('certification.verifyIntro')}</Typography.Text>
          </header>
          {verify.isPending ? <Loading /> : null}
          {verify.isError ? (
            <Result
              status="warning"
              title={t('certification.verifyFailed')}
              subTitle={errorMessage(verify.error)}
            />
          ) : null}
          {v ? (
            <Card>
              <Flex vertical gap={16} align="center">
                <span style={{ fontSize: 48 }}>{icon}</span>
                <Typography.Title level={2} style={{ margin: 0, fontSize: 28 }} role="status">
                  {v.statusLabel}
                </Typography.Title>
              </Flex>
              <Descriptions
                column={1}
                style={{ marginTop: 16 }}
                items={[
                  { key: 'holder', label: t('certification.verifyHolder'), children: v.holder },
                  {
                    key: 'tier',
                    label: t('certification.verifyTier'),
                    children: `${v.tier} · ${v.tierName}`,
                  },
                  { key: 'district', label: t('certification.verifyDistrict'), children: v.districtName },
                  {
                    key: 'valid',
                    label: t('certification.verifyValidity'),
                    children: `${v.validFrom} — ${v.validTo}`,
                  },
                  { key: 'no', label: t('certification.verifyNo'), children: <code>{v.certificateNo}</code> },
                  ...(v.revokedReason
                    ? [
                        {
                          key: 'reason',
                          label: t('certification.verifyRevokedReason'),
                          children: v.revokedReason,
                        },
                      ]
                    : []),
                  {
                    key: 'at',
                    label: t('certification.verifyCheckedAt'),
                    children: new Intl.DateTimeFormat(i18n.language, {
                      dateStyle: 'medium',
                      timeStyle: 'medium',
                    }).format(new Date(v.checkedAt)),
                  },
                ]}
              />
            </Card>
          ) : null}
        </Flex>
      </Layout.Content>
    </Layout>
  );
}
