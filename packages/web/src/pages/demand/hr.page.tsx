/** 人才需求发布 for HR: publish a demand (reviewed by the district), follow its status, see the applicants
 *  ranked by fit with the reasons, and the opted-in candidates who fit. */
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  type Applicant,
  type NewDemand,
  useApplicants,
  useCandidates,
  useCreateDemand,
  useDemands,
} from '../../api/demand';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { DemandCard, Reasons } from './parts';
import './demand.css';

const DEGREES = ['secondary', 'associate', 'bachelor', 'master', 'phd'] as const;
const today = () => new Date().toISOString().slice(0, 10);

type Values = Omit<NewDemand, 'degree'> & { degree?: string };

function PublishForm({ district }: { district: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateDemand(district);
  const [done, setDone] = useState(false);
  async function submit(v: Values) {
    setDone(false);
    const body: NewDemand = {
      title: v.title,
      occupation: v.occupation,
      headcount: v.headcount,
      degree: (v.degree as NewDemand['degree']) ?? null,
      major: v.major || null,
      experienceYears: v.experienceYears ?? null,
      salaryMin: v.salaryMin ?? null,
      salaryMax: v.salaryMax ?? null,
      location: v.location || null,
      deadline: v.deadline || null,
      description: v.description ?? '',
    };
    await create.mutateAsync(body);
    form.resetFields();
    setDone(true);
  }
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('demand.publishTitle')}</h2>}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v).catch(() => undefined)}
        requiredMark
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t('demand.fields.title')}
              rules={[{ required: true, min: 2, message: t('demand.required.title') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="occupation"
              label={t('demand.fields.occupation')}
              rules={[{ required: true, min: 2, message: t('demand.required.occupation') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="headcount"
              label={t('demand.fields.headcount')}
              rules={[{ required: true, message: t('demand.required.headcount') }]}
            >
              <InputNumber min={1} max={10000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="degree" label={t('demand.fields.degree')}>
              <Select
                allowClear
                options={DEGREES.map((d) => ({ value: d, label: t(`demand.degrees.${d}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="major" label={t('demand.fields.major')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="experienceYears" label={t('demand.fields.experienceYears')}>
              <InputNumber min={0} max={50} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="salaryMin" label={t('demand.fields.salaryMin')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="salaryMax"
              label={t('demand.fields.salaryMax')}
              dependencies={['salaryMin']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: number) =>
                    v == null || getFieldValue('salaryMin') == null || v >= getFieldValue('salaryMin')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('demand.required.salary'))),
                }),
              ]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="location" label={t('demand.fields.location')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="deadline" label={t('demand.fields.deadline')}>
              <Input type="date" min={today()} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('demand.fields.description')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
        {create.isError ? (
          <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
        ) : null}
        {done ? (
          <Alert type="success" showIcon title={t('demand.submitted')} style={{ marginBottom: 12 }} />
        ) : null}
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('demand.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function ApplicantTable({ rows, loading }: { rows: Applicant[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Applicant>
      size="small"
      rowKey="id"
      loading={loading}
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('demand.noApplicants') }}
      columns={[
        { title: t('demand.rank'), width: 60, render: (_, __, i) => i + 1 },
        { title: t('demand.applicant'), dataIndex: 'name', width: 110 },
        { title: t('demand.score'), dataIndex: 'score', width: 80 },
        { title: t('demand.reasons'), render: (_, r) => <Reasons reasons={r.reasons} /> },
      ]}
    />
  );
}

function DemandDetail({ district, demandId }: { district: string; demandId: number }) {
  const { t } = useTranslation();
  const applicants = useApplicants(district, demandId);
  const candidates = useCandidates(district, demandId);
  return (
    <Tabs
      items={[
        {
          key: 'applicants',
          label: t('demand.applicantsTab', { n: applicants.data?.items.length ?? 0 }),
          children: applicants.isError ? (
            <QueryError title={t('demand.loadFailed')} error={applicants.error} />
          ) : (
            <ApplicantTable rows={applicants.data?.items ?? []} loading={applicants.isLoading} />
          ),
        },
        {
          key: 'candidates',
          label: t('demand.candidatesTab'),
          children: (
            <Table
              size="small"
              rowKey="talentId"
              loading={candidates.isLoading}
              pagination={false}
              dataSource={candidates.data?.items ?? []}
              locale={{ emptyText: t('demand.noCandidates') }}
              columns={[
                { title: t('demand.applicant'), dataIndex: 'name', width: 110 },
                { title: t('demand.score'), dataIndex: 'score', width: 80 },
                { title: t('demand.reasons'), render: (_, r) => <Reasons reasons={r.reasons} /> },
              ]}
            />
          ),
        },
      ]}
    />
  );
}

export default function HrDemandPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const mine = useDemands(district, { mine: 'true' });
  const [open, setOpen] = useState<number | undefined>();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('demand.hrTitle')}
      </Typography.Title>
      <PublishForm district={district} />
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('demand.mineTitle')}
      </Typography.Title>
      {mine.isError ? (
        <QueryError title={t('demand.loadFailed')} error={mine.error} onRetry={() => void mine.refetch()} />
      ) : null}
      {mine.data && mine.data.items.length === 0 ? <Empty description={t('demand.noneYet')} /> : null}
      {mine.data?.items.map((d) => (
        <DemandCard
          key={d.id}
          demand={d}
          extra={
            d.status === 'published' ? (
              <Button onClick={() => setOpen(open === d.id ? undefined : d.id)} aria-expanded={open === d.id}>
                {open === d.id ? t('demand.hideApplicants') : t('demand.showApplicants')}
              </Button>
            ) : null
          }
        >
          {d.reviewNote ? (
            <Typography.Text type="secondary">
              {t('demand.reviewNote', { note: d.reviewNote })}
            </Typography.Text>
          ) : null}
          {open === d.id ? <DemandDetail district={district} demandId={d.id} /> : null}
        </DemandCard>
      ))}
    </Flex>
  );
}
