/** 一图感知: the district's figures as cards of charts, the plan's indicators and the index. */
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Grid, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Dashboard, type DatasetName, exportUrl, type IndicatorItem } from '../../api/insights';
import { ActualDialog } from './actual-dialog';
import { barOption, gaugeOption, type Look, lineOption, pieOption, progressOption } from './charts';
import { EChart, type EChartOption } from './echart';

const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : Number(v.toFixed(digits)).toLocaleString();

function ChartCard({
  title,
  dataset,
  district,
  big,
  empty,
  children,
}: {
  title: string;
  dataset: DatasetName;
  district: string;
  big: boolean;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card
      className="insights-card"
      title={<h2 className="insights-card-title">{title}</h2>}
      extra={
        <Button
          size="small"
          type={big ? 'text' : 'default'}
          icon={<DownloadOutlined aria-hidden />}
          href={exportUrl(district, dataset)}
          className="insights-no-print"
          aria-label={t('insights.exportChart', { title })}
        >
          {t('insights.xlsx')}
        </Button>
      }
    >
      {empty ? <Empty description={t('insights.noData')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : children}
    </Card>
  );
}

function IndicatorCards({
  items,
  onEnter,
}: {
  items: IndicatorItem[];
  onEnter?: (i: IndicatorItem) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {items.map((i) => (
        <Card key={i.code} size="small" className="insights-indicator-card">
          <Flex vertical gap={4}>
            <Typography.Text strong>
              {i.code} {i.name}（{i.unit}）
            </Typography.Text>
            <span>
              {t('insights.baselineOf', { year: i.baselineYear })}：{fmt(i.baseline)} ·{' '}
              {t('insights.targetOf', { year: i.targetYear })}：{fmt(i.target)}
            </span>
            <span>
              {t('insights.actual')}：{fmt(i.actual, 4)} <SourceTag item={i} />
            </span>
            {i.progress !== null ? (
              <Progress percent={Math.round(i.progress * 1000) / 10} size="small" />
            ) : null}
            {onEnter && i.actualSource !== 'computed' ? (
              <Button
                size="small"
                icon={<EditOutlined aria-hidden />}
                onClick={() => onEnter(i)}
                className="insights-no-print"
              >
                {t('insights.enter')}
              </Button>
            ) : null}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

function SourceTag({ item }: { item: IndicatorItem }) {
  const { t } = useTranslation();
  if (!item.actualSource) return <Tag>{t('insights.sourceNone')}</Tag>;
  const color =
    item.actualSource === 'computed' ? 'blue' : item.actualSource === 'entered' ? 'gold' : 'default';
  return (
    <Tag color={color} title={item.actualSourceText ?? undefined}>
      {t(`insights.source.${item.actualSource}`)}
      {item.actualAt ? ` · ${item.actualAt}` : ''}
    </Tag>
  );
}

function IndicatorTable({
  items,
  onEnter,
  big,
}: {
  items: IndicatorItem[];
  onEnter?: (i: IndicatorItem) => void;
  big: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<IndicatorItem>
      size={big ? 'middle' : 'small'}
      rowKey="code"
      pagination={false}
      dataSource={items}
      className="insights-indicators"
      columns={[
        { title: t('insights.code'), dataIndex: 'code', width: 72 },
        { title: t('insights.indicator'), dataIndex: 'name', render: (_, i) => `${i.name}（${i.unit}）` },
        {
          title: t('insights.baselineCol'),
          align: 'right',
          render: (_, i) => `${fmt(i.baseline)}（${i.baselineYear}）`,
        },
        {
          title: t('insights.targetCol'),
          align: 'right',
          render: (_, i) => `${fmt(i.target)}（${i.targetYear}）`,
        },
        { title: t('insights.actual'), align: 'right', render: (_, i) => fmt(i.actual, 4) },
        { title: t('insights.sourceCol'), render: (_, i) => <SourceTag item={i} /> },
        {
          title: t('insights.progress'),
          width: 150,
          render: (_, i) =>
            i.progress === null ? (
              '—'
            ) : (
              <Progress percent={Math.round(i.progress * 1000) / 10} size="small" />
            ),
        },
        ...(onEnter
          ? [
              {
                title: <span className="sr-only">{t('insights.enter')}</span>,
                className: 'insights-no-print',
                render: (_: unknown, i: IndicatorItem) =>
                  i.actualSource === 'computed' ? null : (
                    <Button
                      size="small"
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => onEnter(i)}
                      aria-label={`${t('insights.enter')} ${i.code}`}
                    >
                      {t('insights.enter')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Every card of the dashboard; `big` is the dark big-screen look with large type. */
export function DashboardView({
  data,
  district,
  big,
  editable,
}: {
  data: Dashboard;
  district: string;
  big: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const fontSize = big ? 18 : phone ? 11 : 12;
  const look: Look = useMemo(() => ({ dark: big, fontSize }), [big, fontSize]);
  const h = big ? 320 : phone ? 240 : 280;
  const [entering, setEntering] = useState<IndicatorItem | null>(null);

  const options = useMemo(() => {
    const o: Record<string, EChartOption> = {};
    o.tiers = pieOption(
      look,
      data.tiers.map((s) => ({ name: s.label, value: s.value })),
    );
    o.categories = barOption(
      look,
      data.categories.map((s) => s.label),
      [{ name: t('insights.talents'), data: data.categories.map((s) => s.value) }],
      true,
    );
    const topIndustries = data.industries.slice(0, 10);
    o.industries = barOption(
      look,
      topIndustries.map((s) => s.label),
      [{ name: t('insights.talents'), data: topIndustries.map((s) => s.value) }],
      true,
    );
    const reg = data.registrations.slice(-24);
    o.registrations = lineOption(
      look,
      reg.map((r) => r.month),
      [
        { name: t('insights.newTalents'), data: reg.map((r) => r.new) },
        { name: t('insights.totalTalents'), data: reg.map((r) => r.total), area: true },
      ],
    );
    const arr = data.arrivals.slice(-24);
    o.arrivals = barOption(
      look,
      arr.map((r) => r.month),
      [{ name: t('insights.arrivals'), data: arr.map((r) => r.value) }],
    );
    o.funds = barOption(
      look,
      data.funds.map((f) => `${f.name} ${f.year}`),
      [
        { name: t('insights.budget'), data: data.funds.map((f) => f.budget) },
        { name: t('insights.committed'), data: data.funds.map((f) => f.committed) },
        { name: t('insights.paid'), data: data.funds.map((f) => f.paid) },
      ],
      true,
    );
    o.grants = barOption(
      look,
      data.grants.map((g) => g.name),
      [
        { name: t('insights.granted'), data: data.grants.map((g) => g.amount) },
        { name: t('insights.paid'), data: data.grants.map((g) => g.paid) },
      ],
      true,
    );
    o.stages = barOption(
      look,
      data.stages.map((s) => s.name),
      [
        { name: t('insights.avgDays'), data: data.stages.map((s) => s.avgDays) },
        { name: t('insights.limitDays'), data: data.stages.map((s) => s.limitDays) },
        { name: t('insights.overdue'), data: data.stages.map((s) => s.overdue) },
      ],
    );
    const ds = data.demandSupply.slice(0, 10);
    o.demandSupply = barOption(
      look,
      ds.map((r) => r.occupation),
      [
        { name: t('insights.demand'), data: ds.map((r) => r.demand) },
        { name: t('insights.supply'), data: ds.map((r) => r.supply) },
      ],
      true,
    );
    o.progress = progressOption(look, data);
    o.index = lineOption(
      look,
      data.index.series.map((r) => r.month),
      [{ name: t('insights.index'), data: data.index.series.map((r) => r.value), area: true }],
    );
    o.gauge = gaugeOption(look, Math.round((data.index.current ?? 0) * 10) / 10, t('insights.index'));
    return o;
  }, [data, look, t]);

  const span = big ? { xs: 24, md: 12, xl: 8 } : { xs: 24, lg: 12 };
  const card = (key: string, dataset: DatasetName, title: string, empty: boolean, height = h) => (
    <Col {...span} key={key}>
      <ChartCard title={title} dataset={dataset} district={district} big={big} empty={empty}>
        <EChart option={options[key] as EChartOption} height={height} label={title} />
      </ChartCard>
    </Col>
  );

  const indicatorsCard = (
    <Card
      className="insights-card"
      title={<h2 className="insights-card-title">{t('insights.indicatorsTitle')}</h2>}
      extra={
        <Button
          size="small"
          type={big ? 'text' : 'default'}
          icon={<DownloadOutlined aria-hidden />}
          href={exportUrl(district, 'indicators')}
          className="insights-no-print"
        >
          {t('insights.xlsx')}
        </Button>
      }
    >
      {data.indicators.length === 0 ? (
        <Empty description={t('insights.noIndicators')} />
      ) : phone ? (
        <IndicatorCards items={data.indicators} onEnter={editable ? setEntering : undefined} />
      ) : (
        <IndicatorTable items={data.indicators} onEnter={editable ? setEntering : undefined} big={big} />
      )}
    </Card>
  );

  return (
    <Flex vertical gap={16} className={big ? 'insights insights-big' : 'insights'}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card className="insights-kpi">
            <Statistic title={t('insights.kpiTalents')} value={data.talents} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="insights-kpi">
            <Statistic title={t('insights.kpiCertified')} value={data.certified} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="insights-kpi">
            <Statistic
              title={t('insights.kpiIndex')}
              value={
                data.index.current === null ? '—' : (Math.round(data.index.current * 10) / 10).toFixed(1)
              }
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="insights-kpi">
            <Statistic
              title={t('insights.kpiGranted')}
              value={data.grants.reduce((s, g) => s + g.amount, 0)}
              precision={0}
              suffix={t('insights.yuan')}
            />
          </Card>
        </Col>
      </Row>
      {big ? null : indicatorsCard}
      <Row gutter={[16, 16]} className="insights-charts">
        <Col {...span}>
          <ChartCard
            title={t('insights.indexTitle')}
            dataset="index"
            district={district}
            big={big}
            empty={data.index.current === null}
          >
            <EChart option={options.gauge as EChartOption} height={h} label={t('insights.indexTitle')} />
          </ChartCard>
        </Col>
        {card('index', 'index', t('insights.indexSeries'), data.index.series.length === 0)}
        {card(
          'progress',
          'indicators',
          t('insights.progressTitle'),
          !data.indicators.some((i) => i.progress !== null),
          big ? h : Math.max(h, 360),
        )}
        {card('tiers', 'tiers', t('insights.tiersTitle'), data.tiers.length === 0)}
        {card('categories', 'categories', t('insights.categoriesTitle'), data.categories.length === 0)}
        {card('industries', 'industries', t('insights.industriesTitle'), data.industries.length === 0)}
        {card(
          'registrations',
          'registrations',
          t('insights.registrationsTitle'),
          data.registrations.length === 0,
        )}
        {card('arrivals', 'arrivals', t('insights.arrivalsTitle'), data.arrivals.length === 0)}
        {card('grants', 'grants', t('insights.grantsTitle'), data.grants.length === 0)}
        {card('funds', 'funds', t('insights.fundsTitle'), data.funds.length === 0)}
        {card('stages', 'stages', t('insights.stagesTitle'), data.stages.length === 0)}
        {card(
          'demandSupply',
          'demandSupply',
          t('insights.demandSupplyTitle'),
          data.demandSupply.length === 0,
        )}
      </Row>
      {big ? indicatorsCard : null}
      <ActualDialog district={district} indicator={entering} onClose={() => setEntering(null)} />
    </Flex>
  );
}
