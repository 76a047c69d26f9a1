// HTTP for bulk import: the .xlsx template, an upload that starts (or resumes) a job, the job's progress.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import { getImportJob, getTemplate, MAX_IMPORT_BYTES, startImport } from './talents.import';

const ImportJob = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    totalRows: z.number().int(),
    processed: z.number().int(),
    created: z.number().int().meta({ description: 'New talent records' }),
    updated: z
      .number()
      .int()
      .meta({ description: 'Rows whose record already existed (nothing created twice)' }),
    failed: z.number().int().meta({ description: 'Rows refused' }),
    errors: z.array(
      z.object({
        row: z.number().int(),
        column: z.string(),
        field: z.string(),
        code: z.string(),
        message: z.string(),
      }),
    ),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });

const JobParams = DistrictParams.extend({
  jobId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 5 } });

  app.get(
    '/d/:district/imports/template.xlsx',
    {
      config: { authz: 'import:run' },
      schema: {
        tags: ['imports'],
        summary: 'The talent import template (.xlsx), headers in the caller language',
        params: DistrictParams,
        response: { 200: z.unknown().meta({ description: 'The file' }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="talent-import-template.xlsx"`)
        .send(await getTemplate(request.ctx)),
  );

  app.post(
    '/d/:district/imports',
    {
      config: { authz: 'import:run' },
      schema: {
        tags: ['imports'],
        summary:
          'Upload a filled template (multipart: file); starts the import, or resumes the unfinished one of the same file',
        consumes: ['multipart/form-data'],
        params: DistrictParams,
        response: { 202: ImportJob, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError(
          'validation_failed',
          { zh: '请上传 .xlsx 文件', en: 'Upload an .xlsx file' },
          { fields: [{ field: 'file', message: 'multipart/form-data' }] },
        );
      const part = await request.file();
      if (!part)
        throw new AppError(
          'validation_failed',
          { zh: '请上传 .xlsx 文件', en: 'Upload an .xlsx file' },
          { fields: [{ field: 'file', message: 'missing' }] },
        );
      const bytes = await part.toBuffer().catch(() => Buffer.alloc(MAX_IMPORT_BYTES + 1));
      const job = await startImport(request.ctx, {
        fileName: part.filename,
        bytes,
        truncated: part.file.truncated,
      });
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/d/:district/imports/:jobId',
    {
      config: { authz: 'import:run' },
      schema: {
        tags: ['imports'],
        summary: "An import's progress and its errors by row and column",
        params: JobParams,
        response: { 200: ImportJob, ...errorResponses },
      },
    },
    async (request) => getImportJob(request.ctx, request.params.jobId),
  );
};
