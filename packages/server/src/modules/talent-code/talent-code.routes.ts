// HTTP for the talent code: the public keys and verification (stable interface), the talent's own code
// and token, provider scans and uses, and the district's codes, revocations, usage and key rotation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import {
  CodeList,
  CodeParams,
  Jwks,
  MyCode,
  MyToken,
  RecordedUse,
  RecordUseBody,
  RevokeBody,
  Revoked,
  RotatedKey,
  ScanBody,
  ScanResult,
  UsageQuery,
  UsageReport,
  UseList,
  Verification,
  VerifyBody,
} from './talent-code.schema';
import * as service from './talent-code.service';

/** Reads any request body without failing: JSON when it parses, else a value verification calls malformed. */
function lenientBody(_req: unknown, body: Buffer, done: (err: Error | null, value?: unknown) => void) {
  try {
    done(null, body.length === 0 ? null : JSON.parse(body.toString('utf8')));
  } catch {
    done(null, null);
  }
}

export const talentCodeRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, opts) => {
  app.get(
    '/talent-code/keys',
    {
      config: { authz: 'talentCode:keys' },
      schema: {
        tags: ['talent-code'],
        summary: 'The verification keys of talent-code tokens (JWKS-style), for online and offline verifiers',
        response: { 200: Jwks, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return service.publishedKeys(request.ctx);
    },
  );

  // Verification answers 200 to every input it can read: a body that is not {"token": string} is `malformed`.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, lenientBody);
    const limit = opts.config.verifyRatePerMinute;
    scope.post(
      '/talent-code/verify',
      {
        config: {
          authz: 'talentCode:verify',
          audit: false,
          ...(limit > 0 ? { rateLimit: { max: limit, timeWindow: '1 minute' } } : {}),
        },
        // The body is documented but not validated: the handler reads any value leniently.
        validatorCompiler: () => (data) => ({ value: data }),
        // The service builds the answer itself (typed); plain JSON.stringify keeps the hot path lean.
        serializerCompiler: () => (data) => JSON.stringify(data),
        schema: {
          tags: ['talent-code'],
          summary:
            'Verify a talent-code token: 200 {valid:true, tier, entitlements, …} or 200 {valid:false, reason}',
          body: VerifyBody,
          response: { 200: Verification, ...errorResponses },
        },
      },
      async (request) => service.verifyCode(request.ctx, request.body),
    );
  });

  app.get(
    '/talent-code/me',
    {
      config: { authz: 'talentCode:own' },
      schema: {
        tags: ['talent-code'],
        summary: "The talent's code: status, tier and entitlements with the quota left this period",
        response: { 200: MyCode, ...errorResponses },
      },
    },
    async (request) => service.getMyCode(request.ctx),
  );

  app.get(
    '/talent-code/me/token',
    {
      config: { authz: 'talentCode:own' },
      schema: {
        tags: ['talent-code'],
        summary: "This minute's signed token of the talent's code (the QR rotates every minute)",
        response: { 200: MyToken, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.issueMyToken(request.ctx);
    },
  );

  app.get(
    '/talent-code/me/uses',
    {
      config: { authz: 'talentCode:own' },
      schema: {
        tags: ['talent-code'],
        summary: "The talent's usage history",
        response: { 200: UseList, ...errorResponses },
      },
    },
    async (request) => service.listMyUses(request.ctx),
  );

  app.post(
    '/talent-code/scan',
    {
      config: { authz: 'talentCode:scan', audit: false },
      schema: {
        tags: ['talent-code'],
        summary: "A provider's scan: the holder (masked), tier, and this provider's services with quota left",
        body: ScanBody,
        response: { 200: ScanResult, ...errorResponses },
      },
    },
    async (request) => service.scanCode(request.ctx, request.body),
  );

  app.post(
    '/talent-code/uses',
    {
      config: { authz: 'talentCode:use' },
      schema: {
        tags: ['talent-code'],
        summary: 'Record a use of a service (idempotent per scan; refused when the quota is used up)',
        body: RecordUseBody,
        response: { 200: RecordedUse, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => service.recordUse(request.ctx, request.body),
  );

  app.get(
    '/talent-code/provider/uses',
    {
      config: { authz: 'talentCode:scan' },
      schema: {
        tags: ['talent-code'],
        summary: "The provider's recorded uses, newest first",
        response: { 200: UseList, ...errorResponses },
      },
    },
    async (request) => service.listProviderUses(request.ctx),
  );

  app.get(
    '/d/:district/talent-codes',
    {
      config: { authz: 'talentCode:manage' },
      schema: {
        tags: ['talent-code'],
        summary: "The district's talent codes",
        params: DistrictParams,
        response: { 200: CodeList, ...errorResponses },
      },
    },
    async (request) => service.listCodes(request.ctx),
  );

  app.post(
    '/d/:district/talent-codes/:codeId/revoke',
    {
      config: { authz: 'talentCode:manage' },
      schema: {
        tags: ['talent-code'],
        summary: 'Revoke a talent code with a reason (every instance rejects it within 15 s)',
        params: CodeParams,
        body: RevokeBody,
        response: { 200: Revoked, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => service.revokeCode(request.ctx, request.params.codeId, request.body.reason),
  );

  app.get(
    '/d/:district/talent-code/usage',
    {
      config: { authz: 'talentCode:manage' },
      schema: {
        tags: ['talent-code'],
        summary: 'Uses per provider and service',
        params: DistrictParams,
        querystring: UsageQuery,
        response: { 200: UsageReport, ...errorResponses },
      },
    },
    async (request) => service.usageReport(request.ctx, request.query),
  );

  app.post(
    '/talent-code/keys/rotate',
    {
      config: { authz: 'talentCode:manage' },
      schema: {
        tags: ['talent-code'],
        summary: 'Start signing with a new key (the old one stays published and valid for 7 days)',
        response: { 200: RotatedKey, ...errorResponses },
      },
    },
    async (request) => service.rotateKey(request.ctx),
  );
};
