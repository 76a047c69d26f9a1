import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, type FormInstance, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useLogin } from '../../api/queries';

export interface Credentials {
  username: string;
  password: string;
}

/** Username and password with validation; the server's (localised) error is shown as it comes. */
export function LoginForm({ form, onSuccess }: { form: FormInstance<Credentials>; onSuccess: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();

  return (
    <Form<Credentials>
      form={form}
      name="login"
      layout="vertical"
      requiredMark={false}
      disabled={login.isPending}
      onFinish={(values) => login.mutate(values, { onSuccess })}
      onValuesChange={() => login.isError && login.reset()}
    >
      <Form.Item
        label={t('login.username')}
        name="username"
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoCapitalize="none"
          size="large"
        />
      </Form.Item>
      <Form.Item
        label={t('login.password')}
        name="password"
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
      </Form.Item>
      {login.isError ? (
        <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
