/** 人才认定: the talent's own certification, HR's employees' cases, the administrator's committee work. */
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/user-context';
import { AdminCertification } from './admin-certification';
import { EnterpriseCertification } from './enterprise-certification';
import { TalentCertification } from './talent-certification';

export default function CertificationPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {user.role === 'admin' ? t('certification.adminTitle') : t('certification.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {user.role === 'admin'
            ? t('certification.adminIntro')
            : user.role === 'enterprise'
              ? t('certification.enterpriseIntro')
              : t('certification.intro')}
        </Typography.Text>
      </header>
      {user.role === 'talent' ? <TalentCertification /> : null}
      {user.role === 'admin' ? <AdminCertification /> : null}
      {user.role === 'enterprise' ? <EnterpriseCertification /> : null}
    </Flex>
  );
}
