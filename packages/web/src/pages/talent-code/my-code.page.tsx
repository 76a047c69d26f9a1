import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, List, Result, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MyToken, useMyCode, useMyToken, useMyUses } from '../../api/talentCode';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { QuotaTag } from './shared';
import './talent-code.css';

/** The QR of `<origin>/v/<token>`, drawn on the phone (the network carries only the small token JSON). */
function CodeImage({ url, label }: { url: string; label: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let live = true;
    void QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((s) => {
      if (live) setSvg(s);
    });
    return () => {
      live = false;
    };
  }, [url]);
  if (!svg) return <div className="talent-qr" />;
  return <img className="talent-qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} alt={label} />;
}

/** Seconds until the next token, on the server's clock; asks for the next token once the minute is over. */
function useCountdown(token: MyToken | undefined, refetch: () => void, fetching: boolean) {
  const [now, setNow] = useState(() => Date.now());
  const offset = useMemo(() => (token ? Date.parse(token.serverNow) - Date.now() : 0), [token]);
  const latest = useRef({ token, offset, refetch, fetching });
  latest.current = { token, offset, refetch, fetching };
  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      const l = latest.current;
      if (l.token && !l.fetching && Date.parse(l.token.refreshAt) <= at + l.offset) l.refetch();
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  return token ? Math.max(0, Math.ceil((Date.parse(token.refreshAt) - (now + offset)) / 1000)) : 0;
}

function CodeCard({
  tierName,
  codeId,
  validTo,
}: {
  tierName: string;
  codeId: string;
  validTo: string | null;
}) {
  const { t } = useTranslation();
  const token = useMyToken(true);
  const refetch = token.refetch;
  const seconds = useCountdown(token.data, refetch, token.isFetching);
  const url = token.data ? `${window.location.origin}${token.data.path}` : '';
  return (
    <Card className="talent-code-card">
      <Flex vertical align="center" gap={12}>
        <Tag color="gold" className="talent-tier-tag">
          {t('talentCode.tier')} · {tierName}
        </Tag>
        {token.data ? (
          <CodeImage url={url} label={t('talentCode.qrLabel')} />
        ) : token.isError ? null : (
          <div className="talent-qr" role="status" aria-label={t('talentCode.refreshing')} />
        )}
        <div aria-live="polite">
          {token.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('talentCode.refreshFailed')}
              action={
                <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={() => void refetch()}>
                  {t('talentCode.retry')}
                </Button>
              }
            />
          ) : (
            <Typography.Text type="secondary">
              {token.isFetching ? t('talentCode.refreshing') : t('talentCode.refreshIn', { seconds })}
            </Typography.Text>
          )}
        </div>
        {url ? <Input readOnly value={url} aria-label={t('talentCode.tokenLabel')} size="small" /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('talentCode.codeId', { code: codeId })}
          {validTo ? ` · ${t('talentCode.validTo', { date: validTo })}` : ''}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function History() {
  const { t, i18n } = useTranslation();
  const uses = useMyUses();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('talentCode.history')}</h2>}>
      {uses.isError ? (
        <QueryError
          title={t('talentCode.loadFailed')}
          error={uses.error}
          onRetry={() => void uses.refetch()}
        />
      ) : (
        <List
          loading={uses.isPending}
          dataSource={uses.data?.items ?? []}
          locale={{ emptyText: t('talentCode.historyEmpty') }}
          renderItem={(u) => (
            <List.Item>
              <List.Item.Meta title={u.serviceName} description={u.provider} />
              <time dateTime={u.at}>{fmt.format(new Date(u.at))}</time>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The talent's code on the phone: a QR that rotates every minute, the tier, entitlements and quotas, the history. */
export default function MyCodePage() {
  const { t } = useTranslation();
  const code = useMyCode();
  const heading = (
    <header>
      <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
        {t('talentCode.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('talentCode.intro')}</Typography.Text>
    </header>
  );
  if (code.isPending) return <Loading />;
  if (code.isError) {
    return (
      <Flex vertical gap={16}>
        {heading}
        <QueryError
          title={t('talentCode.loadFailed')}
          error={code.error}
          onRetry={() => void code.refetch()}
        />
      </Flex>
    );
  }
  const c = code.data;
  if (c.status !== 'active' || !c.codeId) {
    const state =
      c.status === 'revoked'
        ? {
            status: 'error' as const,
            title: t('talentCode.revokedTitle'),
            sub: c.revokedReason ? t('talentCode.revokedReason', { reason: c.revokedReason }) : '',
          }
        : c.status === 'no_record'
          ? { status: 'info' as const, title: t('talentCode.noRecordTitle'), sub: t('talentCode.noRecord') }
          : {
              status: 'info' as const,
              title: t('talentCode.notCertifiedTitle'),
              sub: t('talentCode.notCertified'),
            };
    return (
      <Flex vertical gap={16}>
        {heading}
        <Result status={state.status} title={state.title} subTitle={state.sub} />
        {c.status === 'revoked' ? <History /> : null}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16} className="talent-code-page">
      {heading}
      <CodeCard tierName={c.tierName ?? c.tier ?? ''} codeId={c.codeId} validTo={c.validTo} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('talentCode.offlineHint')}
      </Typography.Text>
      <Card size="small" title={<h2 className="card-heading">{t('talentCode.entitlements')}</h2>}>
        <List
          dataSource={c.entitlements}
          renderItem={(e) => (
            <List.Item>
              <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%' }}>
                <Typography.Text>{e.name}</Typography.Text>
                <QuotaTag quota={e.quota} />
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <History />
    </Flex>
  );
}
