import { ReadOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Form, Layout, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMe, useMeta } from '../api/queries';
import { Brand } from '../components/brand';
import { ButtonLink } from '../components/button-link';
import { LanguageSwitch } from '../components/language-switch';
import { Loading } from '../components/loading';
import { DemoAccounts, demoPassword } from './login/demo-accounts';
import { type Credentials, LoginForm } from './login/login-form';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const meta = useMeta();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const target = redirectTarget(location.state);

  if (me.isPending) return <Loading fullPage />;
  if (me.data) return <Navigate to={target} replace />;

  return (
    <Layout className="login-layout">
      <Layout.Header className="login-header">
        <Brand />
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content className="login-content">
        <Row gutter={[48, 24]} align="top" justify="center" style={{ maxWidth: 1120, margin: '0 auto' }}>
          <Col xs={24} lg={11} className="login-hero">
            <Typography.Title level={1} className="login-product">
              {t('app.name')} <span className="login-product-latin">{t('app.latinName')}</span>
            </Typography.Title>
            <Typography.Paragraph className="login-tagline">{t('app.tagline')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary" className="login-intro">
              {t('app.intro')}
            </Typography.Paragraph>
            {meta.data?.districts.length ? (
              <section aria-labelledby="login-policies" className="login-policies">
                <Typography.Title level={2} id="login-policies" style={{ fontSize: 18, marginTop: 24 }}>
                  <ReadOutlined aria-hidden /> {t('login.policiesTitle')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">{t('login.policiesHint')}</Typography.Paragraph>
                <Flex gap={8} wrap>
                  {meta.data.districts.map((d) => (
                    <ButtonLink key={d.code} to={`/d/${d.code}/policies`}>
                      {i18n.language === 'en' ? d.name.en : d.name.zh}
                    </ButtonLink>
                  ))}
                </Flex>
              </section>
            ) : null}
          </Col>
          <Col xs={24} lg={13}>
            <Flex vertical gap={24}>
              <Card>
                <Typography.Title level={2} style={{ marginTop: 0, fontSize: 22 }}>
                  {t('login.title')}
                </Typography.Title>
                <LoginForm form={form} onSuccess={() => navigate(target, { replace: true })} />
                <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
                  <Link to="/register">{t('records.register.link')}</Link>
                </Typography.Paragraph>
              </Card>
              {meta.data?.demo ? (
                <Card>
                  <DemoAccounts
                    onPick={(account) =>
                      form.setFieldsValue({ username: account.username, password: demoPassword })
                    }
                  />
                </Card>
              ) : null}
            </Flex>
          </Col>
        </Row>
      </Layout.Content>
      <Layout.Footer className="login-footer">
        {meta.data ? t('common.version', { version: meta.data.version }) : null}
      </Layout.Footer>
    </Layout>
  );
}
