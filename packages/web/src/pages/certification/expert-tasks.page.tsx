/** The expert's review tasks: anonymised cases (a case code, never a name, ID or employer) and rubric scoring. */
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  type ExpertTask,
  type ExpertTaskList,
  useExpertTask,
  useExpertTasks,
  useScoreTask,
} from '../../api/certification';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { StatusTag, TierExplanations } from './parts';

/** Evidence kinds with their counts (experts see kinds, not file names, which may carry a name). */
const kindCounts = (docs: { kind: string }[]) => [
  ...docs.reduce((m, d) => m.set(d.kind, (m.get(d.kind) ?? 0) + 1), new Map<string, number>()),
];

function ScoreForm({ task }: { task: ExpertTask }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const score = useScoreTask(user.district);
  const rubric = task.rubric;
  if (!rubric) return null;
  const [min, max] = rubric.scale === 'five' ? [1, 5] : [0, 100];
  if (task.myScore)
    return (
      <Alert
        type="success"
        showIcon
        title={t('certification.myScore', { total: task.myScore.total })}
        description={task.myScore.comment}
      />
    );
  if (!task.canScore) return <Alert type="info" showIcon title={t('certification.scoringClosed')} />;
  return (
    <Form
      layout="vertical"
      onFinish={(values: { comment: string } & Record<string, number>) => {
        const { comment, ...scores } = values;
        score.mutate(
          { caseCode: task.caseCode, scores, comment },
          { onSuccess: () => message.success(t('certification.scoreSubmitted')) },
        );
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('certification.scoreRange', { min, max })}
      </Typography.Paragraph>
      {rubric.criteria.map((c) => (
        <Form.Item
          key={c.id}
          name={c.id}
          label={
            i18n.language === 'en'
              ? `${c.name} (${t('certification.weight')} ${c.weight})`
              : `${c.name}（${t('certification.weight')} ${c.weight}）`
          }
          rules={[{ required: true, message: t('certification.scoreRequired') }]}
        >
          <InputNumber
            min={min}
            max={max}
            precision={rubric.scale === 'five' ? 0 : 1}
            style={{ width: 160 }}
          />
        </Form.Item>
      ))}
      <Form.Item
        name="comment"
        label={t('certification.comment')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('certification.commentRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {score.isError ? (
        <Alert type="error" showIcon title={errorMessage(score.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={score.isPending}>
        {t('certification.submitScore')}
      </Button>
    </Form>
  );
}

function TaskView({ code, onBack }: { code: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const task = useExpertTask(user.district, code);
  if (task.isPending) return <Loading />;
  if (task.isError) return <QueryError title={t('certification.loadFailed')} error={task.error} />;
  const x = task.data;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('certification.taskTitle', { code: x.caseCode })}
        </Typography.Title>
        <Button onClick={onBack}>{t('certification.back')}</Button>
      </Flex>
      <Card size="small">
        <Flex vertical gap={4}>
          <span>
            {x.pathLabel} · <StatusTag status={x.status} label={x.statusLabel} />
          </span>
          <span>
            {t('certification.caseRequested', { tier: `${x.requestedTier} · ${x.requestedTierName}` })}
          </span>
          <span>{t('certification.caseCatalogue', { tier: x.catalogueTierName })}</span>
          <span>
            {t('certification.evidenceTitle')}
            {i18n.language === 'en' ? ': ' : '：'}
            {x.evidence.length
              ? kindCounts(x.evidence).map(([kind, n]) => (
                  <Tag key={kind}>
                    {kind}
                    {n > 1 ? ` ×${n}` : ''}
                  </Tag>
                ))
              : t('certification.evidenceEmpty')}
          </span>
        </Flex>
      </Card>
      {x.recommendation ? (
        <Card size="small" title={t('certification.recommendation')}>
          {x.recommendation.title ? (
            <Typography.Paragraph>{x.recommendation.title}</Typography.Paragraph>
          ) : null}
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {x.recommendation.statement}
          </Typography.Paragraph>
        </Card>
      ) : null}
      {x.explanation ? (
        <Card size="small" title={t('certification.explanationTitle')}>
          <TierExplanations evaluation={x.explanation} />
        </Card>
      ) : null}
      <Card title={t('certification.scoreTitle')}>
        <ScoreForm task={x} />
      </Card>
    </Flex>
  );
}

export default function ExpertTasksPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const code = params.get('case') ?? undefined;
  const tasks = useExpertTasks(user.district);
  const when = (at: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(at));
  const columns: ColumnsType<ExpertTaskList['items'][number]> = [
    {
      title: t('certification.columns.code'),
      dataIndex: 'caseCode',
      render: (c: string) => <code>{c}</code>,
    },
    { title: t('certification.columns.path'), dataIndex: 'pathLabel' },
    {
      title: t('certification.columns.tier'),
      key: 'tier',
      render: (_: unknown, x) => `${x.requestedTier} · ${x.requestedTierName}`,
    },
    {
      title: t('certification.columns.status'),
      key: 'status',
      render: (_: unknown, x) =>
        x.scored ? (
          <Tag color="green">{t('certification.scored')}</Tag>
        ) : (
          <StatusTag status={x.status} label={x.statusLabel} />
        ),
    },
    { title: t('certification.columns.submittedAt'), dataIndex: 'assignedAt', render: when },
    {
      title: t('certification.columns.action'),
      key: 'action',
      render: (_: unknown, x) => (
        <Button
          size="small"
          onClick={() => setParams({ case: x.caseCode })}
          aria-label={`${t('certification.open')} ${x.caseCode}`}
        >
          {t('certification.open')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('certification.tasksTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('certification.tasksIntro')}</Typography.Text>
      </header>
      {code ? (
        <TaskView code={code} onBack={() => setParams({})} />
      ) : tasks.isError ? (
        <QueryError
          title={t('certification.loadFailed')}
          error={tasks.error}
          onRetry={() => void tasks.refetch()}
        />
      ) : (
        <Table
          rowKey="caseCode"
          columns={columns}
          dataSource={tasks.data?.items ?? []}
          loading={tasks.isFetching}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('certification.tasksEmpty') }}
        />
      )}
    </Flex>
  );
}
