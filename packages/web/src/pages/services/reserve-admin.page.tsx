/** The administrator's 青年人才储备库: levels, entry by criteria or nomination, reviews due, exits, history. */
import {
  Alert,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ReserveMember,
  useNominate,
  useReserveHistory,
  useReserveLevels,
  useReserveMembers,
  useReview,
  useRunCriteria,
} from '../../api/services';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

function History({
  member,
  district,
  onClose,
}: {
  member: ReserveMember;
  district: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const h = useReserveHistory(district, member.id);
  return (
    <Drawer open title={`${t('services.reserve.history')} · ${member.talentName}`} onClose={onClose}>
      {h.isError ? <QueryError title={t('services.loadFailed')} error={h.error} /> : null}
      <Timeline
        items={(h.data?.items ?? []).map((e) => ({
          children: (
            <Flex vertical>
              <strong>
                {t(`services.reserve.historyKind.${e.kind}`)}{' '}
                {e.fromLevel && e.toLevel
                  ? `${e.fromLevel} → ${e.toLevel}`
                  : (e.toLevel ?? e.fromLevel ?? '')}
              </strong>
              <span>{e.note}</span>
              <span style={{ color: 'rgba(0,0,0,0.45)' }}>
                {f.dateTime(e.at)} · {e.by}
              </span>
            </Flex>
          ),
        }))}
      />
    </Drawer>
  );
}

function Review({
  member,
  district,
  onClose,
}: {
  member: ReserveMember;
  district: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const levels = useReserveLevels(district);
  const review = useReview(district);
  const [form] = Form.useForm<{
    outcome: 'keep' | 'change_level' | 'exit';
    levelId?: number;
    note: string;
  }>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal
      open
      title={member.talentName}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={review.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'keep' }}
        onFinish={(v) => review.mutate({ memberId: member.id, body: v }, { onSuccess: onClose })}
      >
        <Form.Item name="outcome">
          <Radio.Group
            options={[
              { value: 'keep', label: t('services.reserve.keep') },
              { value: 'change_level', label: t('services.reserve.changeLevel') },
              { value: 'exit', label: t('services.reserve.exit') },
            ]}
          />
        </Form.Item>
        {outcome === 'change_level' ? (
          <Form.Item
            name="levelId"
            label={t('services.reserve.level')}
            rules={[{ required: true, message: t('services.required') }]}
          >
            <Select options={(levels.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={t('services.reserve.reviewNote')}
          rules={[{ required: true, message: t('services.required') }]}
        >
          <Input.TextArea maxLength={500} />
        </Form.Item>
        <ActionError error={review.error} />
      </Form>
    </Modal>
  );
}

export default function ReserveAdminPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const f = useFormat();
  const [due, setDue] = useState(false);
  const levels = useReserveLevels(district);
  const members = useReserveMembers(district, due);
  const nominate = useNominate(district);
  const criteria = useRunCriteria(district);
  const [result, setResult] = useState<string>();
  const [history, setHistory] = useState<ReserveMember>();
  const [reviewing, setReviewing] = useState<ReserveMember>();
  const [form] = Form.useForm<{ talentId: number; levelId: number; note?: string }>();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.reserve.title')} intro={t('services.reserve.intro')} />
      {history ? (
        <History member={history} district={district} onClose={() => setHistory(undefined)} />
      ) : null}
      {reviewing ? (
        <Review member={reviewing} district={district} onClose={() => setReviewing(undefined)} />
      ) : null}
      <div aria-live="polite">
        {result ? (
          <Alert type="success" showIcon title={result} closable onClose={() => setResult(undefined)} />
        ) : null}
      </div>
      <ActionError error={criteria.error ?? nominate.error} />
      <Card size="small" title={t('services.reserve.levels')}>
        {levels.isError ? <QueryError title={t('services.loadFailed')} error={levels.error} /> : null}
        <Flex gap={12} wrap>
          {(levels.data?.items ?? []).length === 0 && !levels.isPending ? (
            <span>{t('services.reserve.emptyLevels')}</span>
          ) : null}
          {(levels.data?.items ?? []).map((l) => (
            <Card key={l.id} size="small" style={{ flex: '1 1 240px' }} title={l.name}>
              <Flex vertical gap={6}>
                <span>{t('services.reserve.reviewEvery', { months: l.reviewMonths })}</span>
                <span>
                  {l.criteriaPolicyId
                    ? t('services.reserve.criteria', { policy: l.criteriaPolicyId })
                    : t('services.reserve.nominationOnly')}
                </span>
                {l.criteriaPolicyId ? (
                  <Button
                    size="small"
                    loading={criteria.isPending && criteria.variables === l.id}
                    onClick={() =>
                      criteria.mutate(l.id, {
                        onSuccess: (r) => setResult(t('services.reserve.criteriaResult', r)),
                      })
                    }
                  >
                    {t('services.reserve.runCriteria')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('services.reserve.nominate')}>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => nominate.mutate(v, { onSuccess: () => form.resetFields() })}
        >
          <Form.Item
            name="talentId"
            label={t('services.reserve.talentId')}
            rules={[{ required: true, message: t('services.required') }]}
          >
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item
            name="levelId"
            label={t('services.reserve.level')}
            rules={[{ required: true, message: t('services.required') }]}
          >
            <Select
              style={{ width: 200 }}
              options={(levels.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('services.reserve.note')}>
            <Input maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={nominate.isPending}>
            {t('services.reserve.nominate')}
          </Button>
        </Form>
      </Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <strong>{t('services.reserve.members')}</strong>
        <Flex gap={6} align="center">
          <Switch checked={due} onChange={setDue} size="small" aria-label={t('services.reserve.dueOnly')} />
          <span>{t('services.reserve.dueOnly')}</span>
        </Flex>
      </Flex>
      {members.isError ? <QueryError title={t('services.loadFailed')} error={members.error} /> : null}
      <Table<ReserveMember>
        rowKey="id"
        size="middle"
        loading={members.isPending}
        dataSource={members.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('services.reserve.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('services.housingAdmin.talent'), dataIndex: 'talentName' },
          { title: t('services.reserve.level'), dataIndex: 'levelName' },
          {
            title: t('services.reserve.entry'),
            dataIndex: 'entryPath',
            render: (p: ReserveMember['entryPath']) => t(`services.reserve.entryPath.${p}`),
          },
          {
            title: t('services.reserve.nextReview'),
            render: (_, m) => (
              <Flex gap={4}>
                <span>{f.date(m.nextReviewDate)}</span>
                {m.reviewDue ? <Tag color="orange">{t('services.reserve.due')}</Tag> : null}
              </Flex>
            ),
          },
          {
            title: t('services.housingAdmin.actions'),
            render: (_, m) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setReviewing(m)}>
                  {t('services.reserve.keep')} / {t('services.reserve.exit')}
                </Button>
                <Button size="small" onClick={() => setHistory(m)}>
                  {t('services.reserve.history')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
