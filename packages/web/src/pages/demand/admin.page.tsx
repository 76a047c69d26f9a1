/** The district's side of 人才需求发布: review pending demands, and keep the shortage-occupation catalogue. */
import { Alert, Button, Card, Empty, Flex, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  type ShortageItem,
  useDemands,
  usePublishShortage,
  useReviewDemand,
  useSaveShortage,
  useShortage,
} from '../../api/demand';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { DemandCard, ScarcityTag } from './parts';
import './demand.css';

function Review({ district }: { district: string }) {
  const { t } = useTranslation();
  const pending = useDemands(district, { status: 'pending' });
  const review = useReviewDemand(district);
  const [notes, setNotes] = useState<Record<number, string>>({});
  return (
    <section aria-label={t('demand.reviewTitle')}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('demand.reviewTitle')}
      </Typography.Title>
      {review.isError ? (
        <Alert type="error" showIcon title={errorMessage(review.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {pending.isError ? <QueryError title={t('demand.loadFailed')} error={pending.error} /> : null}
      {pending.data && pending.data.items.length === 0 ? <Empty description={t('demand.noPending')} /> : null}
      <Flex vertical gap={12}>
        {pending.data?.items.map((d) => (
          <DemandCard key={d.id} demand={d}>
            <Flex gap={8} wrap align="center">
              <Input
                aria-label={`${t('demand.reviewNoteLabel')} ${d.title}`}
                placeholder={t('demand.reviewNoteLabel')}
                value={notes[d.id] ?? ''}
                onChange={(e) => setNotes({ ...notes, [d.id]: e.target.value })}
                style={{ maxWidth: 320 }}
              />
              <Button
                type="primary"
                onClick={() => review.mutate({ demandId: d.id, decision: 'publish' })}
                aria-label={`${t('demand.approve')} ${d.title}`}
              >
                {t('demand.approve')}
              </Button>
              <Button
                danger
                onClick={() => review.mutate({ demandId: d.id, decision: 'reject', note: notes[d.id] ?? '' })}
                aria-label={`${t('demand.reject')} ${d.title}`}
              >
                {t('demand.reject')}
              </Button>
            </Flex>
          </DemandCard>
        ))}
      </Flex>
    </section>
  );
}

function Catalogue({ district }: { district: string }) {
  const { t } = useTranslation();
  const list = useShortage(district, true);
  const save = useSaveShortage(district);
  const publish = usePublishShortage(district);
  const [form] = Form.useForm<{
    occupation: string;
    scarcity: 'high' | 'medium' | 'low';
    category?: string;
  }>();
  const year = new Date().getFullYear();
  return (
    <section aria-label={t('demand.catalogueTitle')}>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('demand.catalogueTitle')}</h2>}
        extra={
          <Button onClick={() => publish.mutate(year)} loading={publish.isPending}>
            {t('demand.publishYear', { year })}
          </Button>
        }
      >
        <Form
          form={form}
          layout="inline"
          onFinish={(v) =>
            void save.mutateAsync({ year, ...v, category: v.category || null }).then(() => form.resetFields())
          }
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item
            name="occupation"
            label={t('demand.fields.occupation')}
            rules={[{ required: true, min: 2, message: t('demand.required.occupation') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="scarcity"
            label={t('demand.fields.scarcity')}
            rules={[{ required: true, message: t('demand.required.scarcity') }]}
          >
            <Select
              style={{ width: 130 }}
              options={(['high', 'medium', 'low'] as const).map((s) => ({
                value: s,
                label: t(`demand.scarcity.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('demand.fields.category')}>
            <Input maxLength={40} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {t('demand.addOccupation')}
          </Button>
        </Form>
        {save.isError ? <Alert type="error" showIcon title={errorMessage(save.error)} /> : null}
        <Typography.Paragraph type="secondary">{t('demand.importHint')}</Typography.Paragraph>
        <Table<ShortageItem>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: t('demand.noCatalogue') }}
          scroll={{ x: true }}
          columns={[
            { title: t('demand.fields.year'), dataIndex: 'year', width: 70 },
            { title: t('demand.fields.code'), dataIndex: 'code', width: 110 },
            { title: t('demand.fields.occupation'), dataIndex: 'occupation' },
            { title: t('demand.fields.category'), dataIndex: 'category' },
            { title: t('demand.fields.scarcity'), render: (_, r) => <ScarcityTag scarcity={r.scarcity} /> },
            { title: t('demand.fields.status'), render: (_, r) => t(`demand.catalogueStatus.${r.status}`) },
          ]}
        />
      </Card>
    </section>
  );
}

export default function DemandAdminPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('demand.adminTitle')}
      </Typography.Title>
      <Review district={district} />
      <Catalogue district={district} />
    </Flex>
  );
}
