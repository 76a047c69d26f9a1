import { CloudUploadOutlined, FolderOpenOutlined, SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import {
  type MatchingRun,
  type PackInput,
  type PackPreview,
  usePackVersions,
  usePolicyCounts,
  usePreviewPack,
  usePublishPack,
  useRuns,
  useStartRun,
} from '../../api/matching';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { formatMoney } from '../policies/scope';

const when = (iso: string | null, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') : '—';

function Versions({ district }: { district: string }) {
  const { t, i18n } = useTranslation();
  const versions = usePackVersions(district);
  if (versions.isPending) return <Skeleton active />;
  if (versions.isError)
    return (
      <QueryError
        title={t('matching.loadFailed')}
        error={versions.error}
        onRetry={() => void versions.refetch()}
      />
    );
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={versions.data.items}
      columns={[
        { title: t('matching.packs.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
        { title: t('matching.packs.label'), dataIndex: 'label' },
        {
          title: t('matching.packs.status'),
          dataIndex: 'status',
          render: (s: 'active' | 'superseded', row) => (
            <Flex gap={4} wrap>
              <Tag color={s === 'active' ? 'green' : 'default'}>{t(`matching.packs.${s}`)}</Tag>
              {row.sameAs ? <Tag>{t('matching.packs.sameAs', { version: row.sameAs })}</Tag> : null}
            </Flex>
          ),
        },
        { title: t('matching.packs.policies'), dataIndex: 'policies' },
        { title: t('matching.packs.decided'), dataIndex: 'subjectsDecided' },
        { title: t('matching.packs.publishedBy'), dataIndex: 'publishedBy' },
        {
          title: t('matching.packs.publishedAt'),
          dataIndex: 'publishedAt',
          render: (v: string) => when(v, i18n.language),
        },
      ]}
    />
  );
}

/** Reads a chosen folder's pack files (YAML and Markdown) with their paths inside the folder. */
async function readFolder(list: FileList): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of Array.from(list)) {
    const name = (file.webkitRelativePath || file.name).replace(/\\/g, '/');
    if (!/\.(ya?ml|md)$/i.test(name)) continue;
    files[name] = await file.text();
  }
  return files;
}

type Problem = { issues?: { file: string; line: number; message: string }[]; failures?: { name: string }[] };

function Problems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = (error instanceof ApiError ? error.details : undefined) as Problem | undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error)}
      description={
        details?.issues?.length || details?.failures?.length ? (
          <ul className="plain-list">
            {details.issues?.map((i) => (
              <li key={`${i.file}:${i.line}:${i.message}`}>{t('matching.packs.issue', i)}</li>
            ))}
            {details.failures?.map((f) => (
              <li key={f.name}>{t('matching.packs.failedCase', { name: f.name })}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

function PreviewView({ preview }: { preview: PackPreview }) {
  const { t, i18n } = useTranslation();
  const money = (n: number) => formatMoney(n, i18n.language);
  const changed = preview.perPolicy.filter((p) => p.old !== p.next || p.oldAmount !== p.nextAmount);
  return (
    <section aria-labelledby="preview-title">
      <Flex vertical gap={16}>
        <Typography.Title level={2} id="preview-title" style={{ fontSize: 18, margin: 0 }}>
          {t('matching.packs.previewTitle')}
        </Typography.Title>
        <Typography.Text>
          {t('matching.packs.candidateLine', {
            label: preview.candidate.label,
            policies: preview.candidate.policies,
            tests: preview.candidate.tests,
          })}
        </Typography.Text>
        {preview.candidate.alreadyPublishedAs ? (
          <Alert
            type="warning"
            showIcon
            title={t('matching.packs.alreadyPublished', { version: preview.candidate.alreadyPublishedAs })}
          />
        ) : null}
        <Typography.Text type="secondary">
          {preview.active
            ? t('matching.packs.previewIntro', {
                asOf: preview.asOf,
                population: preview.population,
                version: preview.active.version,
              })
            : t('matching.packs.previewFirst', { asOf: preview.asOf, population: preview.population })}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          {(['gains', 'losses'] as const).map((side) => (
            <Col key={side} xs={24} md={12}>
              <Card size="small" role="group" aria-label={t(`matching.packs.${side}`)}>
                <Statistic
                  title={t(`matching.packs.${side}`)}
                  value={t('matching.packs.subjects', { count: preview[side].subjects })}
                  styles={{ content: { color: side === 'gains' ? '#16a34a' : '#dc2626' } }}
                />
                {preview[side].sample.length ? (
                  <ul className="plain-list">
                    {preview[side].sample.map((s, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: masked names may repeat
                      <li key={i}>
                        {s.name}：{s.policies.join('、')}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Card>
            </Col>
          ))}
        </Row>
        {preview.policiesAdded.length || preview.policiesRemoved.length ? (
          <Flex gap={16} wrap>
            {preview.policiesAdded.length ? (
              <Typography.Text>
                {t('matching.packs.added')}：
                {preview.policiesAdded.map((p) => (
                  <Tag key={p.policyId} color="green">
                    {p.title}
                  </Tag>
                ))}
              </Typography.Text>
            ) : null}
            {preview.policiesRemoved.length ? (
              <Typography.Text>
                {t('matching.packs.removed')}：
                {preview.policiesRemoved.map((p) => (
                  <Tag key={p.policyId} color="red">
                    {p.title}
                  </Tag>
                ))}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('matching.packs.perFund')}
        </Typography.Title>
        <Table
          size="small"
          rowKey={(r) => r.fund ?? ''}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={preview.perFund}
          columns={[
            { title: t('matching.packs.fund'), dataIndex: 'name' },
            { title: t('matching.packs.oldCost'), dataIndex: 'old', render: money },
            { title: t('matching.packs.newCost'), dataIndex: 'next', render: money },
            {
              title: t('matching.packs.change'),
              dataIndex: 'change',
              render: (n: number) => (
                <Typography.Text type={n > 0 ? 'danger' : n < 0 ? 'success' : undefined}>
                  {n > 0 ? '+' : ''}
                  {money(n)}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('matching.packs.perPolicy')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="policyId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={changed.length ? changed : preview.perPolicy}
          columns={[
            { title: t('matching.packs.policy'), dataIndex: 'title' },
            { title: t('matching.packs.oldCount'), dataIndex: 'old' },
            { title: t('matching.packs.newCount'), dataIndex: 'next' },
            { title: t('matching.packs.oldAmount'), dataIndex: 'oldAmount', render: money },
            { title: t('matching.packs.newAmount'), dataIndex: 'nextAmount', render: money },
          ]}
        />
      </Flex>
    </section>
  );
}

function RunLine({ run }: { run: MatchingRun }) {
  const { t, i18n } = useTranslation();
  const percent = run.total ? Math.round((run.done / run.total) * 100) : run.status === 'done' ? 100 : 0;
  return (
    <li className="result-item">
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text>
          #{run.id} · {when(run.createdAt, i18n.language)} · {run.requestedBy}
        </Typography.Text>
        <Tag color={run.status === 'done' ? 'green' : run.status === 'failed' ? 'red' : 'blue'}>
          {t(`matching.packs.runStatus.${run.status}`)}
        </Tag>
      </Flex>
      <Progress
        percent={percent}
        status={run.status === 'failed' ? 'exception' : run.status === 'done' ? 'success' : 'active'}
        format={() => t('matching.packs.progress', { done: run.done, total: run.total })}
        aria-label={t('matching.packs.progress', { done: run.done, total: run.total })}
      />
      {run.status === 'done' ? (
        <Typography.Text type="secondary">
          {t('matching.packs.newlyEligible', { count: run.newlyEligible, notified: run.notified })}
        </Typography.Text>
      ) : null}
      {run.error ? <Typography.Text type="danger">{run.error}</Typography.Text> : null}
    </li>
  );
}

function Runs({ district }: { district: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const runs = useRuns(district);
  const start = useStartRun(district);
  return (
    <Card
      size="small"
      title={t('matching.packs.runs')}
      extra={
        <Button
          icon={<SyncOutlined aria-hidden />}
          loading={start.isPending}
          onClick={() => void start.mutateAsync().catch((e: unknown) => void message.error(errorMessage(e)))}
        >
          {t('matching.packs.runAgain')}
        </Button>
      }
    >
      {runs.isPending ? <Skeleton active /> : null}
      {runs.isError ? <QueryError title={t('matching.loadFailed')} error={runs.error} /> : null}
      {runs.data ? (
        runs.data.items.length ? (
          <ul className="plain-list result-list" aria-label={t('matching.packs.runs')}>
            {runs.data.items.slice(0, 5).map((r) => (
              <RunLine key={r.id} run={r} />
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('matching.packs.none')}</Typography.Text>
        )
      ) : null}
    </Card>
  );
}

function Counts({ district }: { district: string }) {
  const { t, i18n } = useTranslation();
  const counts = usePolicyCounts(district);
  if (counts.isPending) return <Skeleton active />;
  if (counts.isError) return <QueryError title={t('matching.loadFailed')} error={counts.error} />;
  return (
    <Flex vertical gap={8}>
      {counts.data.claimsAvailable ? null : (
        <Alert type="info" showIcon title={t('matching.packs.claimsMissing')} />
      )}
      <Table
        size="small"
        rowKey="policyId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={counts.data.items}
        columns={[
          { title: t('matching.packs.policy'), dataIndex: 'title' },
          { title: t('matching.packs.fund'), dataIndex: 'fund', render: (f: string | null) => f ?? '—' },
          { title: t('matching.packs.eligible'), dataIndex: 'eligible' },
          { title: t('matching.packs.offered'), dataIndex: 'offered' },
          { title: t('matching.packs.unknownCount'), dataIndex: 'unknown' },
          {
            title: t('matching.packs.offeredAmount'),
            dataIndex: 'offeredAmount',
            render: (n: number) => formatMoney(n, i18n.language),
          },
          { title: t('matching.packs.applied'), dataIndex: 'applied' },
          { title: t('matching.packs.granted'), dataIndex: 'granted' },
          { title: t('matching.packs.paid'), dataIndex: 'paid' },
        ]}
      />
    </Flex>
  );
}

/** 政策包发布: versions, a candidate (a server directory or an uploaded folder), its preview, publish, runs. */
export default function PacksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const district = user.district;
  const versions = usePackVersions(district);
  const previewMutation = usePreviewPack(district);
  const publish = usePublishPack(district);
  const [mode, setMode] = useState<'server' | 'upload'>('server');
  const [source, setSource] = useState<string | undefined>();
  const [files, setFiles] = useState<Record<string, string> | undefined>();
  const [input, setInput] = useState<PackInput | undefined>();
  const folderId = useId();

  const candidate: PackInput | undefined =
    mode === 'server'
      ? source
        ? { source }
        : undefined
      : files && Object.keys(files).length
        ? { files }
        : undefined;

  async function runPreview() {
    if (!candidate) return;
    setInput(candidate);
    await previewMutation.mutateAsync(candidate).catch(() => undefined);
  }

  async function runPublish() {
    if (!input) return;
    try {
      const result = await publish.mutateAsync(input);
      void message.success(t('matching.packs.published', { version: result.version }));
      previewMutation.reset();
      setInput(undefined);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  }

  return (
    <Flex vertical gap={20}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
          {t('matching.packs.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('matching.packs.intro')}
        </Typography.Paragraph>
      </header>
      <section aria-labelledby="versions-title">
        <Typography.Title level={2} id="versions-title" style={{ fontSize: 18 }}>
          {t('matching.packs.versions')}
        </Typography.Title>
        <Versions district={district} />
      </section>
      <section aria-labelledby="candidate-title">
        <Typography.Title level={2} id="candidate-title" style={{ fontSize: 18 }}>
          {t('matching.packs.candidate')}
        </Typography.Title>
        <Card size="small">
          <Flex vertical gap={12}>
            <Segmented
              value={mode}
              onChange={(v) => {
                setMode(v as 'server' | 'upload');
                previewMutation.reset();
              }}
              options={[
                { value: 'server', label: t('matching.packs.fromServer') },
                { value: 'upload', label: t('matching.packs.fromUpload') },
              ]}
            />
            {mode === 'server' ? (
              <Select
                aria-label={t('matching.packs.chooseSource')}
                placeholder={t('matching.packs.chooseSource')}
                value={source}
                onChange={setSource}
                style={{ maxWidth: 420 }}
                options={(versions.data?.sources ?? []).map((s) => ({
                  value: s.id,
                  label: `packs/${s.id} · ${s.label} · ${s.policies}`,
                }))}
              />
            ) : (
              <Flex vertical gap={4}>
                <label htmlFor={folderId}>
                  <FolderOpenOutlined aria-hidden /> {t('matching.packs.chooseFolder')}
                </label>
                <input
                  id={folderId}
                  type="file"
                  multiple
                  // @ts-expect-error: a non-standard attribute every browser supports (folder upload)
                  webkitdirectory=""
                  onChange={(e) => {
                    const list = e.currentTarget.files;
                    previewMutation.reset();
                    if (list) void readFolder(list).then(setFiles);
                  }}
                />
                <Typography.Text type="secondary">
                  {files
                    ? t('matching.packs.filesChosen', { count: Object.keys(files).length })
                    : t('matching.packs.folderHint')}
                </Typography.Text>
              </Flex>
            )}
            <Flex gap={8} wrap>
              <Button
                type="primary"
                icon={<CloudUploadOutlined aria-hidden />}
                disabled={!candidate}
                loading={previewMutation.isPending}
                onClick={() => void runPreview()}
              >
                {previewMutation.isPending ? t('matching.packs.previewing') : t('matching.packs.preview')}
              </Button>
            </Flex>
            {previewMutation.isError ? <Problems error={previewMutation.error} /> : null}
          </Flex>
        </Card>
      </section>
      {previewMutation.data ? (
        <Card size="small">
          <Flex vertical gap={16}>
            <PreviewView preview={previewMutation.data} />
            <Popconfirm
              title={t('matching.packs.publishConfirm')}
              okText={t('matching.packs.publish')}
              onConfirm={() => runPublish()}
            >
              <Button type="primary" danger loading={publish.isPending} style={{ alignSelf: 'flex-start' }}>
                {t('matching.packs.publish')}
              </Button>
            </Popconfirm>
          </Flex>
        </Card>
      ) : null}
      <Runs district={district} />
      <section aria-labelledby="counts-title">
        <Typography.Title level={2} id="counts-title" style={{ fontSize: 18 }}>
          {t('matching.packs.counts')}
        </Typography.Title>
        <Counts district={district} />
      </section>
    </Flex>
  );
}
