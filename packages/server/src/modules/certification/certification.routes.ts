// HTTP for 分层分类认定: the catalogue on a talent's record, applications, the department's review queue,
// the committee (panel, scores, decision), certificates and their public verification, the expert's
// anonymised tasks, and the administrator's expert pool, rubric and quotas. Also starts the daily
// renewal reminders.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import { listDistricts } from '../identity/identity.repo';
import { seedCertificationDemo } from './certification.demo';
import { startRenewalReminders } from './certification.reminders';
import {
  ApplyBody,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseParams,
  CertificateParams,
  Current,
  DecideBody,
  Evaluation,
  ExpertBody,
  ExpertPool,
  ExpertTask,
  ExpertTaskList,
  ExpertTaskParams,
  History,
  IdempotencyHeaders,
  PanelBody,
  QuotaBody,
  QuotaList,
  ResubmitBody,
  ReviewBody,
  RevokeBody,
  RubricBody,
  RubricResponse,
  ScoreBody,
  TalentQuery,
  Verification,
} from './certification.schema';
import * as service from './certification.service';

/** Verifications per minute per client address (public, so bounded). */
export const VERIFY_RATE_PER_MINUTE = 60;

const tags = ['certification'];
const errors = { ...errorResponses, 409: ErrorBody, 422: ErrorBody };

export type CertificationRoutesOptions = { db?: Db; config?: Config };

export const certificationRoutes: FastifyPluginAsyncZod<CertificationRoutesOptions> = async (app, opts) => {
  // a role without the route's permission gets 403 before its input is validated
  if (opts.db && opts.config) {
    const { db, config } = opts;
    const stop = startRenewalReminders(db, config, app.log);
    app.addHook('onClose', async () => stop());
    // Demo: the packs are published after the seed on a first start, so the cases are seeded when ready.
    if (config.demo)
      app.addHook('onReady', async () => {
        if (typeof db.select !== 'function') return; // the OpenAPI build has no database
        try {
          await seedCertificationDemo(
            db,
            (await listDistricts(db)).map((d) => d.code),
          );
        } catch (err) {
          app.log.error({ err }, 'certification demo seed failed');
        }
      });
  }

  app.get(
    '/d/:district/certification/evaluation',
    {
      config: { authz: 'certification:evaluate' },
      schema: {
        tags,
        summary: "The catalogue on a talent's record: the tier met, every tier explained, the facts missing",
        params: DistrictParams,
        querystring: TalentQuery,
        response: { 200: Evaluation, ...errors },
      },
    },
    async (request) => service.evaluateTalent(request.ctx, request.query),
  );

  app.get(
    '/d/:district/certification/current',
    {
      config: { authz: 'certification:read' },
      schema: {
        tags,
        summary: "A talent's current certification (approved, unrevoked, valid today), for the home page",
        params: DistrictParams,
        querystring: TalentQuery,
        response: { 200: Current, ...errors },
      },
    },
    async (request) => service.getCurrentCertification(request.ctx, request.query),
  );

  app.get(
    '/d/:district/certification/history',
    {
      config: { authz: 'certification:read' },
      schema: {
        tags,
        summary: 'Every certification case of a talent and every event of them',
        params: DistrictParams,
        querystring: TalentQuery,
        response: { 200: History, ...errors },
      },
    },
    async (request) => service.getHistory(request.ctx, request.query),
  );

  app.get(
    '/d/:district/certifications',
    {
      config: { authz: 'certification:read' },
      schema: {
        tags,
        summary: "Cases: a talent's own, HR's employees', the reviewer's department queue, all for admins",
        params: DistrictParams,
        querystring: CaseListQuery,
        response: { 200: CaseList, ...errors },
      },
    },
    async (request) => service.listCertifications(request.ctx, request.query),
  );

  app.post(
    '/d/:district/certifications',
    {
      config: { authz: 'certification:apply' },
      schema: {
        tags,
        summary:
          'Apply for certification by a path (talent, HR 用人单位举荐, admin 定向配额, expert recommendation)',
        params: DistrictParams,
        headers: IdempotencyHeaders,
        body: ApplyBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) =>
      service.applyForCertification(request.ctx, request.body, request.headers['idempotency-key']),
  );

  app.get(
    '/d/:district/certifications/:id',
    {
      config: { authz: 'certification:read' },
      schema: {
        tags,
        summary: 'One case: evidence, the catalogue explanation, history, panel scores (admins)',
        params: CaseParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.getCertification(request.ctx, request.params.id),
  );

  app.post(
    '/d/:district/certifications/:id/review',
    {
      config: { authz: 'certification:review' },
      schema: {
        tags,
        summary:
          'Department review: approve (final, or on to the committee), reject or return for correction',
        params: CaseParams,
        body: ReviewBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.reviewCertification(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/d/:district/certifications/:id/resubmit',
    {
      config: { authz: 'certification:apply' },
      schema: {
        tags,
        summary: 'Resubmit a case returned for correction',
        params: CaseParams,
        body: ResubmitBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.resubmitCertification(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/d/:district/certifications/:id/panel',
    {
      config: { authz: 'certification:committee' },
      schema: {
        tags,
        summary: "Draw the expert panel at random, excluding the talent's own employer (回避)",
        params: CaseParams,
        body: PanelBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.drawCommitteePanel(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/d/:district/certifications/:id/close-scoring',
    {
      config: { authz: 'certification:committee' },
      schema: {
        tags,
        summary: 'Close scoring before every expert has scored',
        params: CaseParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.closeScoring(request.ctx, request.params.id),
  );

  app.post(
    '/d/:district/certifications/:id/decide',
    {
      config: { authz: 'certification:committee' },
      schema: {
        tags,
        summary: "The committee's decision, with the panel's average score",
        params: CaseParams,
        body: DecideBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.decideCommittee(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/d/:district/certifications/:id/revoke',
    {
      config: { authz: 'certification:revoke' },
      schema: {
        tags,
        summary: 'Revoke an approved certification with a reason',
        params: CaseParams,
        body: RevokeBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => service.revokeCertification(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/d/:district/certifications/:id/certificate.pdf',
    {
      config: { authz: 'certification:read' },
      schema: {
        tags,
        summary: 'The certificate as a PDF with a QR code of its verification page',
        params: CaseParams,
        produces: ['application/pdf'],
        response: errors,
      },
    },
    async (request, reply) => {
      const base = `${request.protocol}://${request.host}`;
      const { fileName, pdf } = await service.certificatePdf(request.ctx, request.params.id, base);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(pdf as never); // bytes, not JSON: the response schema lists only the errors
    },
  );

  app.get(
    '/certificates/:certificateNo/verify',
    {
      config: {
        authz: 'certificate:verify',
        rateLimit: { max: VERIFY_RATE_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Public: is this certificate valid, revoked or expired (masked name, tier, validity)',
        params: CertificateParams,
        response: { 200: Verification, ...errors },
      },
    },
    async (request) => service.verifyCertificate(request.ctx, request.params.certificateNo),
  );

  // ---------------------------------------------------------------- experts

  app.get(
    '/d/:district/expert-tasks',
    {
      config: { authz: 'certification:score' },
      schema: {
        tags,
        summary: "The cases on the expert's panels, by case code",
        params: DistrictParams,
        response: { 200: ExpertTaskList, ...errors },
      },
    },
    async (request) => service.listExpertTasks(request.ctx),
  );

  app.get(
    '/d/:district/expert-tasks/:caseCode',
    {
      config: { authz: 'certification:score' },
      schema: {
        tags,
        summary: 'An anonymised case with the rubric (403 for an expert not on its panel)',
        params: ExpertTaskParams,
        response: { 200: ExpertTask, ...errors },
      },
    },
    async (request) => service.getExpertTask(request.ctx, request.params.caseCode),
  );

  app.post(
    '/d/:district/expert-tasks/:caseCode/score',
    {
      config: { authz: 'certification:score' },
      schema: {
        tags,
        summary: 'Score an anonymised case against the rubric, with a comment',
        params: ExpertTaskParams,
        body: ScoreBody,
        response: { 200: ExpertTask, ...errors },
      },
    },
    async (request) => service.scoreExpertTask(request.ctx, request.params.caseCode, request.body),
  );

  // ---------------------------------------------------------------- administration

  app.get(
    '/d/:district/experts',
    {
      config: { authz: 'certification:manage' },
      schema: {
        tags,
        summary: "The district's expert pool with employers and fields",
        params: DistrictParams,
        response: { 200: ExpertPool, ...errors },
      },
    },
    async (request) => service.listExpertPool(request.ctx),
  );

  app.post(
    '/d/:district/experts',
    {
      config: { authz: 'certification:manage' },
      schema: {
        tags,
        summary: 'Add an expert account to the pool, or change its employer, fields and status',
        params: DistrictParams,
        body: ExpertBody,
        response: { 200: ExpertPool, ...errors },
      },
    },
    async (request) => service.saveExpert(request.ctx, request.body),
  );

  app.get(
    '/d/:district/certification/rubric',
    {
      config: { authz: 'certification:manage' },
      schema: {
        tags,
        summary: "The committee's scoring rubric",
        params: DistrictParams,
        response: { 200: RubricResponse, ...errors },
      },
    },
    async (request) => service.getRubric(request.ctx),
  );

  app.put(
    '/d/:district/certification/rubric',
    {
      config: { authz: 'certification:manage' },
      schema: {
        tags,
        summary: 'Replace the scoring rubric (criteria with weights, 0–100 or 1–5)',
        params: DistrictParams,
        body: RubricBody,
        response: { 200: RubricResponse, ...errors },
      },
    },
    async (request) => service.saveRubric(request.ctx, request.body),
  );

  app.get(
    '/d/:district/certification/quotas',
    {
      config: { authz: 'certification:manage' },
      schema: {
        tags,
        summary: '定向配额 per employer and year',
        params: DistrictParams,
        response: { 200: QuotaList, ...errors },
      },
    },
    async (request) => service.listQuotas(request.ctx),
  );

  app.post(
    '/d/:district/certification/quotas',
    {
      config: { authz: 'certification:manage' },
      schema: {
        tags,
        summary: "Set an employer's quota for a year",
        params: DistrictParams,
        body: QuotaBody,
        response: { 200: QuotaList, ...errors },
      },
    },
    async (request) => service.saveQuota(request.ctx, request.body),
  );
};
