/** 一企一册: the enterprise's register — who, tier, certification status, expiring items; confirm claims,
 * add employees, export the filtered list, import from the template with progress. */
import { DownloadOutlined, FileExcelOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import {
  exportUrl,
  type RegisterEntry,
  type RegisterFilters,
  templateUrl,
  uploadImport,
  useAddEmployee,
  useDecideEmployment,
  useImportJob,
  useMyEnterprise,
  useRegister,
} from '../../api/records';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { showFieldErrors, useRecordsT } from './shared';

const STATUS_COLOR: Record<string, string> = {
  pending: 'gold',
  confirmed: 'green',
  rejected: 'red',
  ended: 'default',
};

function AddEmployeeModal({
  district,
  enterpriseId,
  open,
  onClose,
}: {
  district: string;
  enterpriseId: number;
  open: boolean;
  onClose: () => void;
}) {
  const t = useRecordsT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const add = useAddEmployee(district, enterpriseId);
  const r = (k: string) => t(`records.${k}`);
  const submit = async (v: {
    name: string;
    idNumber: string;
    phone?: string;
    position?: string;
    startDate: string;
    contractYears?: number;
  }) => {
    try {
      await add.mutateAsync(v);
      message.success(t('records.roster.added', { name: v.name }));
      form.resetFields();
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <Modal
      open={open}
      title={r('roster.inviteTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={r('save')}
      cancelText={r('cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{r('roster.inviteHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={r('name')}
          rules={[{ required: true, whitespace: true, message: r('register.nameRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={r('idNumber')}
          rules={[
            { required: true, message: r('register.idNumberRequired') },
            { pattern: /^\s*\d{17}[\dXx]\s*$/, message: r('register.idNumberInvalid') },
          ]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={r('phone')}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="startDate"
            label={r('startDate')}
            rules={[{ required: true, message: r('startDateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="contractYears" label={r('contractYears')}>
            <InputNumber min={0} max={50} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="position" label={r('position')}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ district, open, onClose }: { district: string; open: boolean; onClose: () => void }) {
  const t = useRecordsT();
  const [jobId, setJobId] = useState<number>();
  const [uploading, setUploading] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useImportJob(district, jobId);
  const r = (k: string, o?: Record<string, unknown>) => t(`records.roster.${k}`, o);
  const send = async (file: File) => {
    const form = new FormData();
    form.set('file', file);
    setError(null);
    setUploading(0);
    try {
      setJobId((await uploadImport(district, form, setUploading)).id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : errorMessage(e));
    } finally {
      setUploading(null);
    }
  };
  const j = job.data;
  return (
    <Modal open={open} title={r('importTitle')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{r('importHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button href={templateUrl(district)} icon={<FileExcelOutlined aria-hidden />}>
          {r('template')}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          customRequest={({ file }) => void send(file as File)}
        >
          <Button
            type="primary"
            icon={<UploadOutlined aria-hidden />}
            disabled={uploading !== null || j?.status === 'running'}
          >
            {r('chooseFile')}
          </Button>
        </Upload>
      </Space>
      {uploading !== null ? <Progress percent={uploading} /> : null}
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {j ? (
        <Flex vertical gap={12}>
          <Progress
            percent={j.totalRows ? Math.round((j.processed / j.totalRows) * 100) : 0}
            status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'}
          />
          <Alert
            role="status"
            type={
              j.status === 'done'
                ? j.failed
                  ? 'warning'
                  : 'success'
                : j.status === 'failed'
                  ? 'error'
                  : 'info'
            }
            title={
              j.status === 'running'
                ? r('importing', { processed: j.processed, total: j.totalRows })
                : j.status === 'done'
                  ? r('importDone', j)
                  : r('importFailed')
            }
          />
          {j.errors.length ? (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}`}
              caption={r('importErrors')}
              dataSource={j.errors}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              scroll={{ x: true }}
              columns={[
                { title: r('row'), dataIndex: 'row', width: 70 },
                { title: r('column'), dataIndex: 'column', width: 70 },
                { title: r('message'), dataIndex: 'message' },
              ]}
            />
          ) : null}
        </Flex>
      ) : null}
    </Modal>
  );
}

export default function EnterpriseRegisterPage() {
  const t = useRecordsT();
  const user = useUser();
  const { message } = App.useApp();
  const mine = useMyEnterprise(user.district);
  const [status, setStatus] = useState<string>('');
  const [q, setQ] = useState('');
  const [expiring, setExpiring] = useState(false);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const filters: RegisterFilters = {
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    ...(expiring ? { expiring: 'true' } : {}),
  };
  const register = useRegister(user.district, mine.data?.id, filters);
  const decide = useDecideEmployment(user.district, mine.data?.id ?? 0);
  const r = (k: string, o?: Record<string, unknown>) => t(`records.roster.${k}`, o);
  if (mine.isPending) return <Loading />;
  if (mine.error instanceof ApiError && mine.error.status === 404)
    return <Alert type="info" showIcon title={r('noEnterprise')} />;
  if (mine.error || !mine.data)
    return <QueryError title={r('loadFailed')} error={mine.error} onRetry={() => void mine.refetch()} />;
  const enterpriseId = mine.data.id;
  const act = async (entry: RegisterEntry, decision: 'confirm' | 'reject') => {
    try {
      await decide.mutateAsync({ employmentId: entry.employmentId, decision });
      message.success(r(decision === 'confirm' ? 'confirmed' : 'rejected', { name: entry.name }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  const data = register.data;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {r('title')} · {mine.data.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{r('intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex gap={12} wrap align="center">
            <Input.Search
              aria-label={r('search')}
              placeholder={r('search')}
              allowClear
              onSearch={setQ}
              style={{ width: 220 }}
            />
            <Segmented
              aria-label={r('status')}
              value={status}
              onChange={(v) => setStatus(String(v))}
              options={[
                { value: '', label: r('all') },
                { value: 'confirmed', label: t('records.employmentStatus.confirmed') },
                { value: 'pending', label: t('records.employmentStatus.pending') },
              ]}
            />
            <Checkbox checked={expiring} onChange={(e) => setExpiring(e.target.checked)}>
              {r('expiringOnly')}
            </Checkbox>
          </Flex>
          <Space wrap>
            <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {r('invite')}
            </Button>
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {r('import')}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href={exportUrl(user.district, enterpriseId, filters)}
            >
              {r('export')}
            </Button>
          </Space>
        </Flex>
        {data ? (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} role="status">
            {r('counts', data.counts)}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {register.error ? (
        <QueryError title={r('loadFailed')} error={register.error} onRetry={() => void register.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<RegisterEntry>
            rowKey="employmentId"
            loading={register.isPending}
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            locale={{
              emptyText: (
                <Empty description={Object.keys(filters).length ? r('emptyFiltered') : r('empty')} />
              ),
            }}
            columns={[
              { title: r('columns.name'), dataIndex: 'name', fixed: 'left', width: 110 },
              { title: r('columns.idNumber'), dataIndex: 'idNumberMasked', width: 190 },
              { title: r('columns.position'), dataIndex: 'position', width: 110 },
              { title: r('columns.startDate'), dataIndex: 'startDate', width: 110 },
              {
                title: r('status'),
                dataIndex: 'status',
                width: 120,
                render: (s: string) => (
                  <Tag color={STATUS_COLOR[s]}>{t(`records.employmentStatus.${s}`)}</Tag>
                ),
              },
              {
                title: r('tier'),
                dataIndex: 'tier',
                width: 90,
                render: (tier: string) => (tier === 'NONE' ? r('tierNone') : <Tag color="gold">{tier}</Tag>),
              },
              {
                title: r('certification'),
                dataIndex: 'certificationStatus',
                width: 120,
                render: (c: string | null) => (c ? r(`certificationStatus.${c}`) : r('certificationNone')),
              },
              {
                title: r('expiring'),
                dataIndex: 'expiring',
                width: 170,
                render: (items: RegisterEntry['expiring']) => (
                  <Flex vertical gap={2}>
                    {items.map((e) => (
                      <Tag key={e.kind} color="orange">
                        {r(e.kind === 'contract' ? 'expiringContract' : 'expiringCertification', {
                          date: e.date,
                        })}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                title: r('columns.actions'),
                key: 'actions',
                width: 150,
                render: (_: unknown, entry) =>
                  entry.status === 'pending' ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => void act(entry, 'confirm')}
                        aria-label={`${r('confirm')} ${entry.name}`}
                      >
                        {r('confirm')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => void act(entry, 'reject')}
                        aria-label={`${r('reject')} ${entry.name}`}
                      >
                        {r('reject')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}
      <AddEmployeeModal
        district={user.district}
        enterpriseId={enterpriseId}
        open={adding}
        onClose={() => setAdding(false)}
      />
      <ImportModal district={user.district} open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
