/** The talent home's card: the current tier and its validity, or a way to see the tier the record meets. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentCertification } from '../../api/certification';
import { useUser } from '../../auth/user-context';
import { ButtonLink } from '../../components/button-link';

export function CertificationHomeCard() {
  const { t } = useTranslation();
  const user = useUser();
  const current = useCurrentCertification(user.district, user.role === 'talent');
  if (user.role !== 'talent') return null;
  const c = current.data?.certification;
  return (
    <section aria-labelledby="tier-card-title">
      <Card>
        <Flex gap={16} align="flex-start" wrap>
          <span className="task-icon">
            <SafetyCertificateOutlined aria-hidden />
          </span>
          <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Typography.Title level={2} id="tier-card-title" style={{ margin: 0, fontSize: 16 }}>
              {t('certification.homeCardTitle')}
            </Typography.Title>
            {current.isPending ? (
              <Skeleton active paragraph={{ rows: 1 }} title={false} />
            ) : c ? (
              <>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong style={{ fontSize: 20 }}>
                    {c.tier} · {c.tierName}
                  </Typography.Text>
                  <Tag color="green">{c.statusLabel}</Tag>
                </Flex>
                <span>{t('certification.validity', { from: c.validFrom, to: c.validTo })}</span>
                {current.data?.daysLeft != null ? (
                  <Typography.Text type="secondary">
                    {t('certification.daysLeft', { days: current.data.daysLeft })}
                  </Typography.Text>
                ) : null}
              </>
            ) : (
              <Typography.Text type="secondary">{t('certification.homeCardNone')}</Typography.Text>
            )}
          </Flex>
          <ButtonLink to="/certification">
            {c ? t('certification.homeCardOpen') : t('certification.homeCardApply')}
          </ButtonLink>
        </Flex>
      </Card>
    </section>
  );
}
