/** 企业信息: the enterprise the HR account acts for, or the form to register it. */
import { BankOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { ApiError, errorMessage } from '../../api/client';
import { type Enterprise, useMyEnterprise, useRegisterEnterprise } from '../../api/records';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { showFieldErrors, useRecordsT } from './shared';

const SCALES = ['micro', 'small', 'medium', 'large'];
const CREDIT_COLOR = { red: 'red', normal: 'default', black: 'black' } as const;

export function EnterpriseFacts({ enterprise }: { enterprise: Enterprise }) {
  const t = useRecordsT();
  const e = (k: string) => t(`records.enterprise.${k}`);
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      size="small"
      items={[
        { key: 'name', label: e('name'), children: enterprise.name },
        {
          key: 'code',
          label: e('creditCode'),
          children: <Typography.Text copyable>{enterprise.creditCode}</Typography.Text>,
        },
        { key: 'industry', label: e('industry'), children: enterprise.industry ?? '—' },
        {
          key: 'scale',
          label: e('scale'),
          children: enterprise.scale ? e(`scales.${enterprise.scale}`) : '—',
        },
        {
          key: 'tags',
          label: e('tags'),
          children: enterprise.tags.length ? (
            <Flex gap={4} wrap>
              {enterprise.tags.map((tag) => (
                <Tag key={tag} color="blue">
                  {e(`tagNames.${tag}`)}
                </Tag>
              ))}
            </Flex>
          ) : (
            '—'
          ),
        },
        {
          key: 'credit',
          label: e('creditStatus'),
          children: (
            <Tag color={CREDIT_COLOR[enterprise.creditStatus]}>{e(`credit.${enterprise.creditStatus}`)}</Tag>
          ),
        },
        {
          key: 'white',
          label: e('whiteListed'),
          children: enterprise.whiteListed ? (
            <Tag color="green">{e('inWhiteList')}</Tag>
          ) : (
            e('notInWhiteList')
          ),
        },
      ]}
    />
  );
}

export default function EnterpriseInfoPage() {
  const t = useRecordsT();
  const user = useUser();
  const mine = useMyEnterprise(user.district);
  const registerEnterprise = useRegisterEnterprise(user.district);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const e = (k: string) => t(`records.enterprise.${k}`);
  if (mine.isPending) return <Loading />;
  const none = mine.error instanceof ApiError && mine.error.status === 404;
  if (mine.error && !none)
    return <QueryError title={e('loadFailed')} error={mine.error} onRetry={() => void mine.refetch()} />;
  const submit = async (v: { creditCode: string; name: string; industry?: string; scale?: string }) => {
    try {
      await registerEnterprise.mutateAsync(v);
      message.success(e('registered'));
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        <BankOutlined aria-hidden /> {e('title')}
      </Typography.Title>
      {mine.data ? (
        <Card>
          <EnterpriseFacts enterprise={mine.data} />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 12 }}>
            {e('adminOnly')}
          </Typography.Paragraph>
        </Card>
      ) : (
        <Card title={e('none')}>
          <Alert type="info" showIcon title={e('noneHint')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 520 }}>
            <Form.Item
              name="creditCode"
              label={e('creditCode')}
              rules={[
                { required: true, message: e('creditCodeRequired') },
                { pattern: /^\s*[0-9A-Za-z]{18}\s*$/, message: e('creditCodeInvalid') },
              ]}
            >
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item
              name="name"
              label={e('name')}
              rules={[{ required: true, whitespace: true, message: e('nameRequired') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="industry" label={e('industry')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="scale" label={e('scale')}>
              <Select allowClear options={SCALES.map((s) => ({ value: s, label: e(`scales.${s}`) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={registerEnterprise.isPending}>
              {e('submit')}
            </Button>
          </Form>
        </Card>
      )}
    </Flex>
  );
}
