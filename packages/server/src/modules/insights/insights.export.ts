// Each dashboard chart's figures as a table (the same numbers the chart draws), and that table as .xlsx.

import type { Lang } from '@rencai/engine';
import ExcelJS from 'exceljs';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import { AppError } from '../../errors';
import { buildDashboard, type DashboardView } from './insights.service';

export type Table = { title: string; columns: string[]; rows: (string | number | null)[][] };

const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** The table behind one chart of the dashboard. */
export function datasetTable(d: DashboardView, dataset: string, lang: Lang): Table {
  const t = (zh: string, en: string) => L(lang, zh, en);
  switch (dataset) {
    case 'tiers':
      return {
        title: t('人才层次分布', 'Talents by tier'),
        columns: [t('层次', 'Tier'), t('人数', 'Talents')],
        rows: d.tiers.map((s) => [s.label, s.value]),
      };
    case 'categories':
      return {
        title: t('人才类别', 'Talents by category'),
        columns: [t('类别', 'Category'), t('人数', 'Talents')],
        rows: d.categories.map((s) => [s.label, s.value]),
      };
    case 'industries':
      return {
        title: t('行业分布', 'Talents by industry'),
        columns: [t('行业', 'Industry'), t('人数', 'Talents')],
        rows: d.industries.map((s) => [s.label, s.value]),
      };
    case 'registrations':
      return {
        title: t('人才入库（按月）', 'Talents registered per month'),
        columns: [t('月份', 'Month'), t('新增', 'New'), t('累计', 'Total')],
        rows: d.registrations.map((r) => [r.month, r.new, r.total]),
      };
    case 'arrivals':
      return {
        title: t('新到区人才（按月）', 'New arrivals per month'),
        columns: [t('月份', 'Month'), t('人数', 'Talents')],
        rows: d.arrivals.map((r) => [r.month, r.value]),
      };
    case 'funds':
      return {
        title: t('资金预算执行', 'Budget burn by fund'),
        columns: [
          t('资金', 'Fund'),
          t('年度', 'Year'),
          t('预算（元）', 'Budget (yuan)'),
          t('已承诺（元）', 'Committed (yuan)'),
          t('已拨付（元）', 'Paid (yuan)'),
          t('执行率', 'Burn'),
        ],
        rows: d.funds.map((f) => [f.name, f.year, f.budget, f.committed, f.paid, f.burn]),
      };
    case 'grants':
      return {
        title: t('政策兑现（按资金）', 'Policies granted and paid by fund'),
        columns: [
          t('资金', 'Fund'),
          t('兑现笔数', 'Grants'),
          t('兑现金额（元）', 'Granted (yuan)'),
          t('已拨付（元）', 'Paid (yuan)'),
        ],
        rows: d.grants.map((g) => [g.name, g.count, g.amount, g.paid]),
      };
    case 'stages':
      return {
        title: t('各环节办理时长', 'Processing time per stage'),
        columns: [
          t('环节', 'Stage'),
          t('时限（工作日）', 'Limit (working days)'),
          t('平均用时（天）', 'Mean (days)'),
          t('已办', 'Done'),
          t('在办', 'Open'),
          t('超期', 'Overdue'),
        ],
        rows: d.stages.map((s) => [s.name, s.limitDays, s.avgDays, s.done, s.open, s.overdue]),
      };
    case 'demandSupply':
      return {
        title: t('岗位需求与人才供给', 'Demand and supply per occupation'),
        columns: [
          t('职业', 'Occupation'),
          t('需求人数', 'Demand'),
          t('岗位数', 'Posts'),
          t('在册人才', 'Supply'),
        ],
        rows: d.demandSupply.map((r) => [r.occupation, r.demand, r.posts, r.supply]),
      };
    case 'indicators':
      return {
        title: t('规划监测指标', 'Plan indicators'),
        columns: [
          t('编码', 'Code'),
          t('指标', 'Indicator'),
          t('单位', 'Unit'),
          t('基期值', 'Baseline'),
          t('基期', 'Base year'),
          t('目标值', 'Target'),
          t('目标年', 'Target year'),
          t('实际值', 'Actual'),
          t('来源', 'Source'),
          t('完成度', 'Progress'),
        ],
        rows: d.indicators.map((i) => [
          i.code,
          i.name,
          i.unit,
          i.baseline,
          i.baselineYear,
          i.target,
          i.targetYear,
          i.actual,
          i.actualSourceText,
          i.progress,
        ]),
      };
    case 'index':
      return {
        title: t('人才集聚指数', 'Talent-aggregation index'),
        columns: [t('月份', 'Month'), t('指数', 'Index')],
        rows: d.index.series.map((r) => [r.month, r.value]),
      };
    default:
      throw new AppError('not_found', { zh: '没有该数据集', en: 'No such dataset' }, { dataset });
  }
}

/** One chart's table as an .xlsx workbook. */
export async function exportDataset(ctx: Ctx, dataset: string): Promise<{ fileName: string; body: Buffer }> {
  authorize(ctx, 'insights:read');
  if (!ctx.district) throw new AppError('not_found', 'not_found');
  const dashboard = await buildDashboard(ctx.db, ctx.district, ctx.lang);
  const table = datasetTable(dashboard, dataset, ctx.lang);
  const book = new ExcelJS.Workbook();
  book.creator = 'Rencai 人才一站通';
  const sheet = book.addWorksheet(table.title.slice(0, 31));
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.addRow([
    L(ctx.lang, '数据更新于', 'Refreshed at'),
    dashboard.refreshedAt ?? L(ctx.lang, '尚未汇总', 'not yet aggregated'),
  ]);
  sheet.addRow([]);
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((c, i) => {
    c.width = Math.max(
      10,
      ...[table.columns[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))].map((s) => s.length * 2),
    );
  });
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${ctx.district}-${dataset}.xlsx`, body };
}
