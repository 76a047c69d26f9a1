/** ECharts options for each dashboard figure, in a light (desk) or dark (big-screen) look. */
import type { Dashboard } from '../../api/insights';
import type { EChartOption } from './echart';

export type Look = { dark: boolean; fontSize: number };

const palette = [
  '#2563eb',
  '#16a34a',
  '#f59e0b',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#ea580c',
];

function base(look: Look): EChartOption {
  const fg = look.dark ? '#e2e8f0' : '#334155';
  const grid = look.dark ? 'rgba(148,163,184,0.25)' : '#e2e8f0';
  return {
    color: palette,
    backgroundColor: 'transparent',
    textStyle: { color: fg, fontSize: look.fontSize },
    tooltip: { trigger: 'axis', textStyle: { fontSize: look.fontSize } },
    legend: { top: 0, textStyle: { color: fg, fontSize: look.fontSize } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    _axis: { axisLabel: { color: fg, fontSize: look.fontSize }, splitLine: { lineStyle: { color: grid } } },
  };
}

function axes(look: Look, categories: string[], horizontal = false): EChartOption {
  const b = base(look) as { _axis: object };
  const cat = {
    type: 'category',
    data: categories,
    ...b._axis,
    axisLabel: { ...(b._axis as { axisLabel: object }).axisLabel, interval: 0, hideOverlap: true },
  };
  const val = { type: 'value', ...b._axis };
  return horizontal ? { xAxis: val, yAxis: { ...cat, inverse: true } } : { xAxis: cat, yAxis: val };
}

const strip = (o: EChartOption) => {
  const { _axis, ...rest } = o as Record<string, unknown>;
  void _axis;
  return rest;
};

export function barOption(
  look: Look,
  labels: string[],
  series: { name: string; data: (number | null)[] }[],
  horizontal = false,
): EChartOption {
  return {
    ...strip(base(look)),
    legend: series.length > 1 ? strip(base(look)).legend : { show: false },
    ...axes(look, labels, horizontal),
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      barMaxWidth: 36,
      label: {
        show: labels.length <= 12,
        position: horizontal ? 'right' : 'top',
        fontSize: look.fontSize - 2,
        color: look.dark ? '#e2e8f0' : '#334155',
      },
    })),
  };
}

export function lineOption(
  look: Look,
  months: string[],
  series: { name: string; data: (number | null)[]; area?: boolean }[],
): EChartOption {
  return {
    ...strip(base(look)),
    legend: series.length > 1 ? strip(base(look)).legend : { show: false },
    ...axes(look, months),
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.data,
      smooth: true,
      symbolSize: 6,
      areaStyle: s.area ? { opacity: 0.15 } : undefined,
    })),
  };
}

export function pieOption(look: Look, slices: { name: string; value: number }[]): EChartOption {
  return {
    ...strip(base(look)),
    tooltip: { trigger: 'item', textStyle: { fontSize: look.fontSize } },
    legend: {
      bottom: 0,
      type: 'scroll',
      textStyle: { color: look.dark ? '#e2e8f0' : '#334155', fontSize: look.fontSize },
    },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '44%'],
        data: slices,
        label: {
          color: look.dark ? '#e2e8f0' : '#334155',
          fontSize: look.fontSize - 1,
          formatter: '{b}\n{c}',
        },
      },
    ],
  };
}

export function gaugeOption(look: Look, value: number, name: string): EChartOption {
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 120,
        progress: { show: true, width: 14 },
        axisLine: { lineStyle: { width: 14 } },
        axisLabel: { color: look.dark ? '#cbd5e1' : '#64748b', fontSize: look.fontSize - 3 },
        splitLine: { length: 8 },
        pointer: { show: false },
        title: {
          offsetCenter: [0, '70%'],
          color: look.dark ? '#e2e8f0' : '#334155',
          fontSize: look.fontSize,
        },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '10%'],
          fontSize: look.fontSize * 2.2,
          color: look.dark ? '#f8fafc' : '#0f172a',
          formatter: '{value}',
        },
        data: [{ value, name }],
      },
    ],
  };
}

/** Progress (完成度) of each plan indicator, in per cent of its target. */
export function progressOption(look: Look, d: Dashboard): EChartOption {
  const rows = d.indicators.filter((i) => i.progress !== null);
  const option = barOption(
    look,
    rows.map((i) => i.code), // codes fit every row; the table and the tooltip name them
    [{ name: '%', data: rows.map((i) => Math.round((i.progress ?? 0) * 1000) / 10) }],
    true,
  );
  const names = new Map(rows.map((i) => [i.code, i.name]));
  const yAxis = (option as { yAxis: { axisLabel: object } }).yAxis;
  return {
    ...option,
    // Every indicator's code on its row: smaller type and no hiding, 16 rows share the height.
    yAxis: {
      ...yAxis,
      axisLabel: { ...yAxis.axisLabel, fontSize: Math.min(look.fontSize - 2, 13), hideOverlap: false },
    },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontSize: look.fontSize },
      formatter: (params: { name: string; value: number }[]) =>
        params.map((p) => `${p.name} ${names.get(p.name) ?? ''}: ${p.value}%`).join('<br/>'),
    },
  };
}
