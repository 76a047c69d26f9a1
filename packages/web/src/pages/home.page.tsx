import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../auth/user-context';
import { useDistrictName } from '../components/district-name';
import { FeatureIcon } from '../features/icons';
import { type Feature, featuresFor } from '../features/registry';
import { CertificationHomeCard } from './certification/home-card';

function TaskCard({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  const ready = feature.page !== undefined;
  return (
    <Link to={feature.path} className="task-link">
      <Card hoverable style={{ height: '100%' }}>
        <Flex align="flex-start" gap={16}>
          <span className="task-icon">
            <FeatureIcon name={feature.icon} />
          </span>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                {t(`nav.${feature.id}`)}
              </Typography.Title>
              <Tag color={ready ? 'green' : 'default'}>
                {ready ? t('home.available') : t('home.comingSoon')}
              </Tag>
            </Flex>
            <Typography.Text type="secondary">{t(`features.${feature.id}`)}</Typography.Text>
          </Flex>
        </Flex>
      </Card>
    </Link>
  );
}

/** The role's home: its title, the user's district, and the role's main tasks as cards. */
export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const district = useDistrictName(user.district);

  return (
    <Flex vertical gap={24}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 8, fontSize: 26 }}>
          {t(`homeTitles.${user.role}`)}
        </Typography.Title>
        <Flex gap={16} wrap align="center">
          <Typography.Text>{t('home.welcome', { name: user.displayName })}</Typography.Text>
          <Typography.Text type="secondary">
            <EnvironmentOutlined aria-hidden /> {t('home.districtLine', { district })}
          </Typography.Text>
        </Flex>
      </header>
      <CertificationHomeCard />
      <section aria-labelledby="tasks-title">
        <Typography.Title level={2} id="tasks-title" style={{ fontSize: 18, marginTop: 0 }}>
          {t('home.tasksTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {featuresFor(user.role).map((feature) => (
            <Col key={feature.id} xs={24} md={12} xxl={8}>
              <TaskCard feature={feature} />
            </Col>
          ))}
        </Row>
      </section>
    </Flex>
  );
}
