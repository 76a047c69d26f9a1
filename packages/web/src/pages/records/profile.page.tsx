/** 我的档案 (一人一档): identity, the profile's sections with each fact's source, employment and evidence. */
import {
  EditOutlined,
  FilePdfOutlined,
  IdcardOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import {
  documentUrl,
  type Fact,
  type Option,
  type ProfileField,
  type TalentRecord,
  uploadDocument,
  useClaimEmployment,
  useEnterprises,
  useMyRecord,
  useProfileOptions,
  useUpdateFacts,
} from '../../api/records';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { SourceTag, showFieldErrors, useRecordsT } from './shared';

const KINDS = [
  'degree_certificate',
  'title_certificate',
  'honour',
  'contract',
  'social_insurance',
  'housing',
  'id_document',
  'other',
];

function fieldLabel(t: (k: string) => string, f: ProfileField) {
  return f.displayOnly ? t(`records.display.${f.name}`) : f.label;
}

function ValueText({ field, value, honours }: { field: ProfileField; value: unknown; honours: Option[] }) {
  const t = useRecordsT();
  if (value === undefined || value === null || value === '')
    return <Typography.Text type="secondary">{t('records.notFilled')}</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('records.yes') : t('records.no')}</>;
  if (Array.isArray(value)) {
    const labels = field.name === 'honours' ? honours : [];
    return (
      <Flex gap={4} wrap>
        {value.map((v) => (
          <Tag key={String(v)}>{labels.find((o) => o.value === v)?.label ?? String(v)}</Tag>
        ))}
      </Flex>
    );
  }
  const option = field.options?.find((o) => o.value === value);
  return <>{option?.label ?? String(value)}</>;
}

function FieldInput({ field, honours, ...rest }: { field: ProfileField; honours: Option[]; id?: string }) {
  const t = useRecordsT();
  if (field.name === 'honours')
    return <Checkbox.Group {...rest} options={honours} style={{ display: 'grid', gap: 8 }} />;
  switch (field.type) {
    case 'boolean':
      return (
        <Radio.Group
          {...rest}
          aria-label={field.displayOnly ? field.name : field.label}
          optionType="button"
          options={[
            { value: true, label: t('records.yes') },
            { value: false, label: t('records.no') },
          ]}
        />
      );
    case 'enum':
      return (
        <Select
          {...rest}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('records.choose')}
          options={field.options ?? []}
        />
      );
    case 'date':
      return <Input {...rest} type="date" style={{ maxWidth: 220 }} />;
    case 'integer':
      return <InputNumber {...rest} min={0} precision={0} style={{ width: 180 }} />;
    case 'number':
      return <InputNumber {...rest} min={0} style={{ width: 180 }} />;
    default:
      return <Input {...rest} maxLength={100} />;
  }
}

function Section({
  id,
  fields,
  record,
  honours,
}: {
  id: string;
  fields: ProfileField[];
  record: TalentRecord;
  honours: Option[];
}) {
  const t = useRecordsT();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const update = useUpdateFacts(record.talent.district, record.talent.id);
  const facts = new Map<string, Fact>(record.facts.map((f) => [f.name, f]));
  const title = t(`records.sections.${id}`);

  const start = () => {
    form.setFieldsValue(
      Object.fromEntries(fields.map((f) => [f.name, facts.get(f.name)?.value ?? undefined])),
    );
    setEditing(true);
  };
  const save = async (values: Record<string, unknown>) => {
    const changed: Record<string, unknown> = {};
    for (const f of fields) {
      const before = facts.get(f.name)?.value ?? null;
      let after = values[f.name] ?? null;
      if (after === '' || (Array.isArray(after) && after.length === 0 && before === null)) after = null;
      if (JSON.stringify(before) !== JSON.stringify(after)) changed[f.name] = after;
    }
    try {
      if (Object.keys(changed).length) await update.mutateAsync(changed);
      message.success(t('records.saved'));
      setEditing(false);
    } catch (error) {
      if (!showFieldErrors(form, error, (f) => f.replace(/^facts\./, ''))) message.error(errorMessage(error));
    }
  };

  return (
    <Card
      title={<span id={`section-${id}`}>{title}</span>}
      extra={
        editing ? null : (
          <Button
            icon={<EditOutlined aria-hidden />}
            onClick={start}
            aria-label={`${t('records.edit')} ${title}`}
          >
            {t('records.edit')}
          </Button>
        )
      }
    >
      {id === 'honours' ? (
        <Typography.Paragraph type="secondary">{t('records.honoursHint')}</Typography.Paragraph>
      ) : null}
      {editing ? (
        <Form form={form} layout="vertical" onFinish={save} aria-labelledby={`section-${id}`}>
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={fieldLabel(t, f)}>
              <FieldInput field={f} honours={honours} />
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('records.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('records.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          size="small"
          items={fields.map((f) => {
            const fact = facts.get(f.name);
            return {
              key: f.name,
              label: fieldLabel(t, f),
              children: (
                <Flex gap={8} wrap align="center">
                  <ValueText field={f} value={fact?.value} honours={honours} />
                  {fact ? <SourceTag source={fact.source} /> : null}
                </Flex>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

function EmploymentCard({ record }: { record: TalentRecord }) {
  const t = useRecordsT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const enterprises = useEnterprises(record.talent.district, q);
  const claim = useClaimEmployment(record.talent.district, record.talent.id);
  const statusColor = { pending: 'gold', confirmed: 'green', rejected: 'red', ended: 'default' } as const;
  const submit = async (values: {
    enterpriseId: number;
    startDate: string;
    contractYears?: number;
    position?: string;
  }) => {
    try {
      await claim.mutateAsync(values);
      message.success(t('records.claimed'));
      form.resetFields();
    } catch (error) {
      if (!showFieldErrors(form, error, (f) => (f === 'creditCode' ? 'enterpriseId' : f)))
        message.error(errorMessage(error));
    }
  };
  return (
    <Card title={t('records.employmentTitle')}>
      {record.employments.length ? (
        <List
          dataSource={record.employments}
          renderItem={(e) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    {e.enterpriseName}
                    <Tag color={statusColor[e.status]}>{t(`records.employmentStatus.${e.status}`)}</Tag>
                    {e.status === 'confirmed' ? <SourceTag source="employer" /> : null}
                  </Flex>
                }
                description={[
                  e.position,
                  e.startDate && `${t('records.startDate')} ${e.startDate}`,
                  e.contractYears && `${t('records.contractYears')} ${e.contractYears}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty description={t('records.employmentEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      <Typography.Title level={4} style={{ fontSize: 16 }}>
        {t('records.claimTitle')}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} aria-label={t('records.claimTitle')}>
        <Form.Item
          name="enterpriseId"
          label={t('records.employer')}
          rules={[{ required: true, message: t('records.employerRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('records.employerSearch')}
            loading={enterprises.isFetching}
            options={(enterprises.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.name}（${e.creditCode}）`,
            }))}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="startDate"
            label={t('records.startDate')}
            rules={[{ required: true, message: t('records.startDateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="contractYears" label={t('records.contractYears')}>
            <InputNumber min={0} max={50} precision={0} />
          </Form.Item>
          <Form.Item name="position" label={t('records.position')}>
            <Input maxLength={60} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={claim.isPending}>
          {t('records.claim')}
        </Button>
      </Form>
    </Card>
  );
}

function DocumentsCard({
  record,
  labels,
  refetch,
}: {
  record: TalentRecord;
  labels: Map<string, string>;
  refetch: () => void;
}) {
  const t = useRecordsT();
  const { message } = App.useApp();
  const [kind, setKind] = useState('degree_certificate');
  const [factNames, setFactNames] = useState<string[]>([]);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (file: File) => {
    const form = new FormData();
    form.set('kind', kind);
    form.set('facts', factNames.join(','));
    form.set('file', file);
    setError(null);
    setPercent(0);
    try {
      const doc = await uploadDocument(record.talent.district, record.talent.id, form, setPercent);
      message.success(t('records.uploaded', { name: doc.fileName }));
      refetch();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : errorMessage(e));
    } finally {
      setPercent(null);
    }
  };
  return (
    <Card title={t('records.documentsTitle')}>
      <Typography.Paragraph type="secondary">{t('records.documentsHint')}</Typography.Paragraph>
      <Flex gap={12} wrap align="end" style={{ marginBottom: 16 }}>
        <Flex vertical gap={4}>
          <Typography.Text>{t('records.documentKind')}</Typography.Text>
          <Select
            aria-label={t('records.documentKind')}
            value={kind}
            onChange={setKind}
            style={{ minWidth: 180 }}
            options={KINDS.map((k) => ({ value: k, label: t(`records.kinds.${k}`) }))}
          />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text>{t('records.documentFacts')}</Typography.Text>
          <Select
            aria-label={t('records.documentFacts')}
            mode="multiple"
            value={factNames}
            onChange={setFactNames}
            style={{ minWidth: 220 }}
            placeholder={t('records.choose')}
            options={record.facts.map((f) => ({ value: f.name, label: labels.get(f.name) ?? f.name }))}
          />
        </Flex>
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          showUploadList={false}
          customRequest={({ file }) => void send(file as File)}
        >
          <Button icon={<UploadOutlined aria-hidden />} disabled={percent !== null}>
            {t('records.upload')}
          </Button>
        </Upload>
      </Flex>
      {percent !== null ? (
        <Progress percent={percent} aria-label={t('records.uploading', { percent })} />
      ) : null}
      {error ? (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      ) : null}
      {record.documents.length ? (
        <List
          dataSource={record.documents}
          renderItem={(d) => (
            <List.Item
              actions={[
                <a key="dl" href={documentUrl(record.talent.district, d.id)} download={d.fileName}>
                  {t('records.download')}
                </a>,
              ]}
            >
              <List.Item.Meta
                avatar={
                  d.mime === 'application/pdf' ? (
                    <FilePdfOutlined aria-hidden />
                  ) : (
                    <PaperClipOutlined aria-hidden />
                  )
                }
                title={d.fileName}
                description={[
                  t(`records.kinds.${d.kind}`),
                  `${Math.max(1, Math.round(d.size / 1024))} KB`,
                  d.facts.map((f) => labels.get(f) ?? f).join('、'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty description={t('records.documentsEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

export default function ProfilePage() {
  const t = useRecordsT();
  const user = useUser();
  const record = useMyRecord(user.district);
  const options = useProfileOptions(user.district);
  if (record.isPending || options.isPending) return <Loading />;
  if (record.error instanceof ApiError && record.error.status === 404)
    return (
      <Result
        status="info"
        icon={<IdcardOutlined aria-hidden />}
        title={t('records.noRecord')}
        subTitle={t('records.noRecordHint')}
      />
    );
  if (record.error || options.error || !record.data || !options.data)
    return (
      <QueryError
        title={t('records.loadFailed')}
        error={record.error ?? options.error}
        onRetry={() => void record.refetch()}
      />
    );
  const r = record.data;
  const talent = r.talent;
  const labels = new Map(
    options.data.sections.flatMap((s) => s.fields.map((f) => [f.name, fieldLabel(t, f)] as const)),
  );
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('records.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('records.intro')}</Typography.Paragraph>
      </div>
      <Card title={t('records.identity')}>
        <Descriptions
          column={{ xs: 1, sm: 2, md: 3 }}
          size="small"
          items={[
            { key: 'name', label: t('records.name'), children: talent.name },
            {
              key: 'id',
              label: t('records.idNumber'),
              children: (
                <Space>
                  {talent.idNumberMasked}
                  {talent.idKind === 'permanent_resident' ? <Tag>{t('records.idKindPermanent')}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'phone',
              label: t('records.phone'),
              children: talent.phoneMasked ?? t('records.notFilled'),
            },
            { key: 'birth', label: t('records.birthDate'), children: talent.birthDate ?? '' },
            {
              key: 'gender',
              label: t('records.gender'),
              children: talent.gender ? t(`records.${talent.gender}`) : '',
            },
            {
              key: 'tier',
              label: t('records.tier'),
              children: r.certification ? (
                <Tag color="gold">
                  {t('records.tierValid', { tier: r.certification.tier, date: r.certification.validTo })}
                </Tag>
              ) : (
                t('records.tierNone')
              ),
            },
          ]}
        />
      </Card>
      {options.data.sections.map((s) => (
        <Section key={s.id} id={s.id} fields={s.fields} record={r} honours={options.data.honours} />
      ))}
      <EmploymentCard record={r} />
      <DocumentsCard record={r} labels={labels} refetch={() => void record.refetch()} />
    </Flex>
  );
}
