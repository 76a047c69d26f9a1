// HTTP for 一图感知: the indicators (public: district aggregates only), entering actuals, the index, the
// dashboard and its per-chart .xlsx exports (administrators), and the refresh of the aggregates.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import { exportDataset } from './insights.export';
import { type Refresher, startRefresher } from './insights.refresh';
import {
  Dashboard,
  DatasetParams,
  EnterActualBody,
  EnteredActual,
  EnteredActualList,
  IndexSeries,
  IndicatorList,
  IndicatorListQuery,
  IndicatorParams,
  IndicatorSeries,
  RefreshReport,
} from './insights.schema';
import {
  enterActual,
  getDashboard,
  getIndex,
  indicatorSeries,
  listActualHistory,
  listIndicators,
  refreshNow,
  setChangeListener,
} from './insights.service';
import { refuseOtherRoles } from './role-gate';

/** Seconds between background refreshes (RENCAI_INSIGHTS_REFRESH_SECONDS; 0 = off; off in tests unless set). */
function refreshSeconds(): number {
  const raw = process.env.RENCAI_INSIGHTS_REFRESH_SECONDS;
  if (raw !== undefined) return Number(raw) || 0;
  return process.env.VITEST ? 0 : 300;
}

/** The routes; with `db`, also the background refresh of the aggregates (stopped when the app closes). */
export const insightsRoutes: FastifyPluginAsyncZod<{ db?: Db }> = async (app, opts) => {
  app.addHook('preValidation', refuseOtherRoles);
  const seconds = refreshSeconds();
  const db = opts.db;
  if (db && seconds > 0) {
    let refresher: Refresher | undefined;
    app.addHook('onReady', async () => {
      refresher = startRefresher(db, seconds * 1000, (err) =>
        app.log.error({ err }, 'insights refresh failed'),
      );
      setChangeListener((district) => refresher?.kick(district));
    });
    app.addHook('onClose', async () => {
      await refresher?.stop();
    });
  }

  app.get(
    '/d/:district/indicators',
    {
      config: { authz: 'indicator:read' },
      schema: {
        tags: ['insights'],
        summary:
          "The district's monitoring indicators: baseline, target, actual (computed or entered) and progress",
        params: DistrictParams,
        querystring: IndicatorListQuery,
        response: { 200: IndicatorList, ...errorResponses },
      },
    },
    async (request) => listIndicators(request.ctx, request.query),
  );

  app.get(
    '/d/:district/indicators/series',
    {
      config: { authz: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: "Each plan indicator's actual and progress per month",
        params: DistrictParams,
        response: { 200: IndicatorSeries, ...errorResponses },
      },
    },
    async (request) => indicatorSeries(request.ctx),
  );

  app.get(
    '/d/:district/indicators/:code/actuals',
    {
      config: { authz: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: 'Every value entered for an indicator, newest first',
        params: IndicatorParams,
        response: { 200: EnteredActualList, ...errorResponses },
      },
    },
    async (request) => listActualHistory(request.ctx, request.params.code),
  );

  app.post(
    '/d/:district/indicators/:code/actuals',
    {
      config: { authz: 'insights:manage' },
      schema: {
        tags: ['insights'],
        summary: 'Enter an actual of an indicator Rencai does not compute, with its source and date',
        params: IndicatorParams,
        body: EnterActualBody,
        response: { 201: EnteredActual, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await enterActual(request.ctx, request.params.code, request.body)),
  );

  app.get(
    '/d/:district/insights/dashboard',
    {
      config: { authz: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: '一图感知: every dashboard figure, read from the pre-aggregated tables',
        params: DistrictParams,
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    async (request) => getDashboard(request.ctx),
  );

  app.get(
    '/d/:district/insights/index',
    {
      config: { authz: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: 'The talent-aggregation index (人才集聚指数) per month with its components',
        params: DistrictParams,
        response: { 200: IndexSeries, ...errorResponses },
      },
    },
    async (request) => getIndex(request.ctx),
  );

  app.get(
    '/d/:district/insights/export/:dataset',
    {
      config: { authz: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: "One chart's figures as an .xlsx workbook",
        params: DatasetParams,
        response: {
          200: z
            .any()
            .meta({ description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await exportDataset(request.ctx, request.params.dataset);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.post(
    '/d/:district/insights/refresh',
    {
      config: { authz: 'insights:manage' },
      schema: {
        tags: ['insights'],
        summary: "Recompute the district's aggregates now (a background job also does it on an interval)",
        params: DistrictParams,
        response: { 200: RefreshReport, ...errorResponses },
      },
    },
    async (request) => refreshNow(request.ctx),
  );
};
