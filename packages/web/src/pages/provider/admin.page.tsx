import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  type CodeList,
  type CreateProvider,
  type Provider,
  useAddStaff,
  useCodes,
  useCreateProvider,
  useProviders,
  useRevokeCode,
  useUsage,
} from '../../api/talentCode';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';

const kinds = ['hospital', 'school', 'bank', 'park', 'transport', 'housing', 'other'] as const;
type Code = CodeList['items'][number];

function Usage({ district }: { district: string }) {
  const { t, i18n } = useTranslation();
  const usage = useUsage(district);
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (usage.isError)
    return (
      <QueryError
        title={t('talentCode.loadFailed')}
        error={usage.error}
        onRetry={() => void usage.refetch()}
      />
    );
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>
        {t('talentCode.totalUses', { count: usage.data?.totalUses ?? 0 })}
      </Typography.Text>
      <Table
        rowKey={(r) => `${r.providerId}:${r.service}`}
        size="middle"
        loading={usage.isPending}
        dataSource={usage.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('talentCode.usageEmpty') }}
        columns={[
          { title: t('talentCode.colProvider'), dataIndex: 'provider' },
          {
            title: t('talentCode.colKind'),
            dataIndex: 'kind',
            render: (k: string) => t(`talentCode.kind_${k as 'other'}`, { defaultValue: k }),
          },
          { title: t('talentCode.colService'), dataIndex: 'serviceName' },
          { title: t('talentCode.colUses'), dataIndex: 'uses', align: 'right' },
          { title: t('talentCode.colTalents'), dataIndex: 'talents', align: 'right' },
          {
            title: t('talentCode.colLastAt'),
            dataIndex: 'lastAt',
            render: (at: string) => <time dateTime={at}>{fmt.format(new Date(at))}</time>,
          },
        ]}
      />
    </Flex>
  );
}

function Codes({ district }: { district: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const codes = useCodes(district);
  const revoke = useRevokeCode(district);
  const [target, setTarget] = useState<Code>();
  const [form] = Form.useForm<{ reason: string }>();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short' });
  if (codes.isError)
    return (
      <QueryError
        title={t('talentCode.loadFailed')}
        error={codes.error}
        onRetry={() => void codes.refetch()}
      />
    );
  const close = () => {
    setTarget(undefined);
    form.resetFields();
    revoke.reset();
  };
  return (
    <>
      <Table
        rowKey="id"
        size="middle"
        loading={codes.isPending}
        dataSource={codes.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('talentCode.codesEmpty') }}
        columns={[
          { title: t('talentCode.colHolder'), dataIndex: 'name' },
          { title: t('talentCode.colCode'), dataIndex: 'codeId', render: (c: string) => <code>{c}</code> },
          {
            title: t('talentCode.colStatus'),
            dataIndex: 'status',
            render: (s: string) =>
              s === 'active' ? (
                <Tag color="green">{t('talentCode.statusActive')}</Tag>
              ) : (
                <Tag color="red">{t('talentCode.statusRevoked')}</Tag>
              ),
          },
          { title: t('talentCode.colUses'), dataIndex: 'uses', align: 'right' },
          {
            title: t('talentCode.colCreated'),
            dataIndex: 'createdAt',
            render: (at: string) => fmt.format(new Date(at)),
          },
          {
            title: t('talentCode.colActions'),
            key: 'actions',
            render: (_: unknown, c: Code) =>
              c.status === 'active' ? (
                <Button
                  danger
                  size="small"
                  onClick={() => setTarget(c)}
                  aria-label={`${t('talentCode.revoke')} ${c.name}`}
                >
                  {t('talentCode.revoke')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={target !== undefined}
        title={target ? t('talentCode.revokeTitle', { name: target.name }) : ''}
        okText={t('talentCode.revokeConfirm')}
        cancelText={t('talentCode.cancel')}
        okButtonProps={{ danger: true, loading: revoke.isPending }}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) =>
            target &&
            revoke.mutate(
              { id: target.id, reason: values.reason.trim() },
              {
                onSuccess: () => {
                  void message.success(t('talentCode.revokeDone'));
                  close();
                },
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('talentCode.revokeReason')}
            rules={[
              { required: true, whitespace: true, min: 2, message: t('talentCode.revokeReasonRequired') },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
          </Form.Item>
          {revoke.isError ? <Alert type="error" showIcon title={errorMessage(revoke.error)} /> : null}
        </Form>
      </Modal>
    </>
  );
}

function Providers({ district }: { district: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const providers = useProviders(district);
  const create = useCreateProvider(district);
  const addStaff = useAddStaff(district);
  const [form] = Form.useForm<CreateProvider>();
  const [staffFor, setStaffFor] = useState<Provider>();
  const [staffForm] = Form.useForm<{ username: string }>();
  if (providers.isError)
    return (
      <QueryError
        title={t('talentCode.loadFailed')}
        error={providers.error}
        onRetry={() => void providers.refetch()}
      />
    );
  const serviceName = new Map((providers.data?.services ?? []).map((s) => [s.service, s.name]));
  return (
    <Flex vertical gap={16}>
      <Table
        rowKey="id"
        size="middle"
        loading={providers.isPending}
        dataSource={providers.data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('talentCode.providersEmpty') }}
        columns={[
          { title: t('talentCode.colProvider'), dataIndex: i18n.language === 'en' ? 'nameEn' : 'nameZh' },
          {
            title: t('talentCode.colKind'),
            dataIndex: 'kind',
            render: (k: string) => t(`talentCode.kind_${k as 'other'}`),
          },
          {
            title: t('talentCode.colServices'),
            dataIndex: 'services',
            render: (s: string[]) => (
              <Flex gap={4} wrap>
                {s.map((x) => (
                  <Tag key={x}>{serviceName.get(x) ?? x}</Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('talentCode.colStaff'),
            dataIndex: 'staff',
            render: (s: string[]) => (s.length ? s.join(', ') : '—'),
          },
          {
            title: t('talentCode.colActions'),
            key: 'actions',
            render: (_: unknown, p: Provider) => (
              <Button size="small" onClick={() => setStaffFor(p)}>
                {t('talentCode.addStaff')}
              </Button>
            ),
          },
        ]}
      />
      <Card size="small" title={<h2 className="card-heading">{t('talentCode.addProvider')}</h2>}>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          style={{ maxWidth: 560 }}
          onFinish={(values) =>
            create.mutate(values, {
              onSuccess: () => {
                void message.success(t('talentCode.providerSaved'));
                form.resetFields();
              },
            })
          }
        >
          <Form.Item
            name="kind"
            label={t('talentCode.providerKind')}
            rules={[{ required: true, message: t('talentCode.kindRequired') }]}
          >
            <Select options={kinds.map((k) => ({ value: k, label: t(`talentCode.kind_${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="nameZh"
            label={t('talentCode.providerNameZh')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('talentCode.nameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('talentCode.providerNameEn')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('talentCode.nameRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="services"
            label={t('talentCode.providerServices')}
            rules={[{ required: true, type: 'array', min: 1, message: t('talentCode.servicesRequired') }]}
          >
            <Select
              mode="multiple"
              options={(providers.data?.services ?? []).map((s) => ({ value: s.service, label: s.name }))}
            />
          </Form.Item>
          {create.isError ? (
            <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('talentCode.save')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={staffFor !== undefined}
        title={t('talentCode.addStaff')}
        okText={t('talentCode.save')}
        cancelText={t('talentCode.cancel')}
        okButtonProps={{ loading: addStaff.isPending }}
        onOk={() => staffForm.submit()}
        onCancel={() => {
          setStaffFor(undefined);
          addStaff.reset();
        }}
        destroyOnHidden
      >
        <Form
          form={staffForm}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) =>
            staffFor &&
            addStaff.mutate(
              { id: staffFor.id, username: values.username.trim() },
              {
                onSuccess: () => {
                  void message.success(t('talentCode.staffAdded'));
                  setStaffFor(undefined);
                },
              },
            )
          }
        >
          <Form.Item
            name="username"
            label={t('talentCode.staffUsername')}
            rules={[{ required: true, whitespace: true, message: t('talentCode.staffUsername') }]}
          >
            <Input placeholder={`provider.${district}`} />
          </Form.Item>
          {addStaff.isError ? <Alert type="error" showIcon title={errorMessage(addStaff.error)} /> : null}
        </Form>
      </Modal>
    </Flex>
  );
}

/** The district's view: usage per provider and service, the codes (revoke with a reason), the providers. */
export default function TalentCodeAdminPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('talentCode.adminTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('talentCode.adminIntro')}</Typography.Text>
      </header>
      <Tabs
        items={[
          { key: 'usage', label: t('talentCode.tabUsage'), children: <Usage district={district} /> },
          { key: 'codes', label: t('talentCode.tabCodes'), children: <Codes district={district} /> },
          {
            key: 'providers',
            label: t('talentCode.tabProviders'),
            children: <Providers district={district} />,
          },
        ]}
      />
    </Flex>
  );
}
