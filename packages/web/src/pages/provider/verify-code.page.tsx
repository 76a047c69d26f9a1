import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import { type ScanResult, useMyProvider, useProviderUses, useRecordUse, useScan } from '../../api/talentCode';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { QuotaTag } from '../talent-code/shared';
import '../talent-code/talent-code.css';

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorConstructor = new (opts: { formats: string[] }) => Detector;
const BarcodeDetectorImpl = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;

/** Reads a QR from the phone's camera with the browser's BarcodeDetector (Chrome on Android, Safari 17+). */
function CameraScanner({ onRead, onClose }: { onRead: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!BarcodeDetectorImpl) return;
    const detector = new BarcodeDetectorImpl({ formats: ['qr_code'] });
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const tick = async () => {
      if (stopped || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found[0]?.rawValue) return onRead(found[0].rawValue);
      frame = requestAnimationFrame(() => void tick());
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch((error: Error) => setProblem(t('talentCode.cameraFailed', { message: error.message })));
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onRead, t]);
  return (
    <Flex vertical gap={8}>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
      <video ref={video} className="scan-video" muted playsInline aria-label={t('talentCode.scanCamera')} />
      <Button icon={<StopOutlined aria-hidden />} onClick={onClose}>
        {t('talentCode.stopCamera')}
      </Button>
    </Flex>
  );
}

function ScanOutcome({
  result,
  token,
  onRecorded,
}: {
  result: ScanResult;
  token: string;
  onRecorded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordUse();
  const [recording, setRecording] = useState<string>();
  const v = result.verification;
  if (!v.valid) {
    return (
      <Alert
        type="error"
        showIcon
        icon={<CloseCircleFilled aria-hidden />}
        title={t('talentCode.invalidWithReason', { reason: t(`talentCode.reason_${v.reason}`) })}
        description={v.message}
      />
    );
  }
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(v.expiresAt));
  const submit = (service: string, name: string) => {
    setRecording(service);
    record.mutate(
      { token, service },
      {
        onSuccess: (r) => {
          if (r.replayed) void message.info(t('talentCode.replayed'));
          else if (r.quota)
            void message.success(t('talentCode.recorded', { service: name, left: r.quota.left }));
          else void message.success(t('talentCode.recordedUnlimited', { service: name }));
          onRecorded();
        },
        onSettled: () => setRecording(undefined),
      },
    );
  };
  return (
    <Flex vertical gap={12}>
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleFilled aria-hidden />}
        title={t('talentCode.valid')}
        description={t('talentCode.expiresAt', { time })}
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'holder', label: t('talentCode.holder'), children: v.name ?? '—' },
          { key: 'tier', label: t('talentCode.tier'), children: v.tierName },
        ]}
      />
      <section aria-label={t('talentCode.servicesTitle')}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('talentCode.servicesTitle')}
        </Typography.Title>
        {record.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('talentCode.recordFailed')}
            description={errorMessage(record.error)}
            style={{ marginBottom: 8 }}
          />
        ) : null}
        <List
          bordered
          dataSource={result.services}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button
                  key="record"
                  type="primary"
                  disabled={!s.entitled || s.quota?.left === 0}
                  loading={recording === s.service}
                  onClick={() => submit(s.service, s.name)}
                  aria-label={`${t('talentCode.record')}：${s.name}`}
                >
                  {t('talentCode.record')}
                </Button>,
              ]}
            >
              <Flex vertical gap={4}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Flex gap={4} wrap>
                  {s.entitled ? (
                    <Tag color="green">{t('talentCode.entitled')}</Tag>
                  ) : (
                    <Tag>{t('talentCode.notEntitled')}</Tag>
                  )}
                  {s.entitled ? <QuotaTag quota={s.quota} /> : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </section>
    </Flex>
  );
}

function RecentUses() {
  const { t, i18n } = useTranslation();
  const uses = useProviderUses();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (uses.isError)
    return (
      <QueryError title={t('talentCode.loadFailed')} error={uses.error} onRetry={() => void uses.refetch()} />
    );
  return (
    <Table
      rowKey="id"
      size="small"
      loading={uses.isPending}
      dataSource={uses.data?.items ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('talentCode.historyEmpty') }}
      scroll={{ x: 560 }}
      columns={[
        {
          title: t('talentCode.colWhen'),
          dataIndex: 'at',
          render: (at: string) => <time dateTime={at}>{fmt.format(new Date(at))}</time>,
        },
        { title: t('talentCode.colHolder'), dataIndex: 'talent' },
        { title: t('talentCode.colService'), dataIndex: 'serviceName' },
        { title: t('talentCode.colTier'), dataIndex: 'tier' },
      ]}
    />
  );
}

/** The provider's screen: scan (camera) or paste a code, see who it is and their entitlements here, record a use. */
export default function VerifyCodePage() {
  const { t } = useTranslation();
  const provider = useMyProvider();
  const scan = useScan();
  const [form] = Form.useForm<{ token: string }>();
  const [token, setToken] = useState('');
  const [camera, setCamera] = useState(false);
  const [result, setResult] = useState<ScanResult>();
  const check = (text: string) => {
    setToken(text.trim());
    setResult(undefined);
    scan.mutate(text.trim(), { onSuccess: setResult });
  };
  const rescan = () => scan.mutate(token, { onSuccess: setResult });
  const onRead = (text: string) => {
    setCamera(false);
    form.setFieldValue('token', text);
    check(text);
  };

  const heading = (
    <header>
      <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
        {t('talentCode.scanTitle')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('talentCode.scanIntro')}</Typography.Text>
    </header>
  );
  if (provider.isPending) return <Loading />;
  if (provider.isError) {
    return (
      <Flex vertical gap={16}>
        {heading}
        {provider.error instanceof ApiError && provider.error.status === 404 ? (
          <Alert type="warning" showIcon title={t('talentCode.noProvider')} />
        ) : (
          <QueryError
            title={t('talentCode.loadFailed')}
            error={provider.error}
            onRetry={() => void provider.refetch()}
          />
        )}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      {heading}
      <Tag color="blue" style={{ alignSelf: 'flex-start' }}>
        {t('talentCode.provider', { name: provider.data.nameZh })}
      </Tag>
      <Card>
        <Form form={form} layout="vertical" onFinish={(values) => check(values.token)} requiredMark={false}>
          <Form.Item
            name="token"
            label={t('talentCode.tokenLabel')}
            rules={[{ required: true, whitespace: true, message: t('talentCode.tokenRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('talentCode.tokenPlaceholder')}
            />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={scan.isPending}>
              {t('talentCode.verify')}
            </Button>
            {BarcodeDetectorImpl ? (
              <Button icon={<CameraOutlined aria-hidden />} onClick={() => setCamera((c) => !c)}>
                {t('talentCode.scanCamera')}
              </Button>
            ) : (
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                {t('talentCode.cameraUnavailable')}
              </Typography.Text>
            )}
          </Flex>
        </Form>
        {camera ? (
          <div style={{ marginTop: 12 }}>
            <CameraScanner onRead={onRead} onClose={() => setCamera(false)} />
          </div>
        ) : null}
      </Card>
      <div aria-live="polite">
        {scan.isError ? <QueryError title={t('talentCode.verifyFailed')} error={scan.error} /> : null}
        {result ? <ScanOutcome result={result} token={token} onRecorded={rescan} /> : null}
      </div>
      <Card size="small" title={<h2 className="card-heading">{t('talentCode.recentUses')}</h2>}>
        <RecentUses />
      </Card>
    </Flex>
  );
}
