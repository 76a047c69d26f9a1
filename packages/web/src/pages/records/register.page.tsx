/** 人才注册: a new talent registers with real name, ID number and mobile, then is signed in. */
import { UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Layout, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useMeta } from '../../api/queries';
import { registerTalent, request } from '../../api/records';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { showFieldErrors, useRecordsT } from './shared';

type Values = {
  district: string;
  name: string;
  idNumber: string;
  phone: string;
  username: string;
  password: string;
};

export default function RegisterPage() {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    try {
      await registerTalent(v.district, {
        name: v.name,
        idNumber: v.idNumber.trim(),
        phone: v.phone,
        username: v.username,
        password: v.password,
      });
      await request('POST', '/api/v1/auth/login', { username: v.username, password: v.password });
      message.success(t('records.register.done'));
      await qc.invalidateQueries();
      navigate('/profile', { replace: true });
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorMessage(error));
    }
  };
  const r = (k: string) => t(`records.register.${k}`);
  return (
    <Layout className="login-layout">
      <Layout.Header className="login-header">
        <Brand />
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content className="login-content">
        <Card style={{ maxWidth: 560, margin: '0 auto' }}>
          <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
            <UserAddOutlined aria-hidden /> {r('title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{r('intro')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            requiredMark={false}
            initialValues={{ district: meta.data?.districts[0]?.code }}
          >
            <Form.Item
              name="district"
              label={r('district')}
              rules={[{ required: true, message: r('districtRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={meta.isPending}
                options={(meta.data?.districts ?? []).map((d) => ({
                  value: d.code,
                  label: i18n.language === 'en' ? d.name.en : d.name.zh,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="name"
              label={r('name')}
              rules={[{ required: true, whitespace: true, message: r('nameRequired') }]}
            >
              <Input autoComplete="name" maxLength={50} />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={r('idNumber')}
              extra={r('idNumberHint')}
              rules={[
                { required: true, message: r('idNumberRequired') },
                { pattern: /^\s*\d{17}[\dXx]\s*$/, message: r('idNumberInvalid') },
              ]}
            >
              <Input maxLength={18} inputMode="text" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={r('phone')}
              rules={[
                { required: true, message: r('phoneRequired') },
                { pattern: /^(\+?86)?\s*1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/, message: r('phoneInvalid') },
              ]}
            >
              <Input inputMode="tel" autoComplete="tel" maxLength={20} />
            </Form.Item>
            <Form.Item
              name="username"
              label={r('username')}
              extra={r('usernameHint')}
              rules={[{ required: true, message: r('usernameRequired') }]}
            >
              <Input autoComplete="username" maxLength={32} />
            </Form.Item>
            <Form.Item
              name="password"
              label={r('password')}
              extra={r('passwordHint')}
              rules={[{ required: true, min: 8, message: r('passwordRequired') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Alert type="info" showIcon title={r('privacy')} style={{ marginBottom: 16 }} />
            <Button type="primary" htmlType="submit" block size="large">
              {r('submit')}
            </Button>
          </Form>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
            {r('haveAccount')} <Link to="/login">{r('login')}</Link>
          </Typography.Paragraph>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
