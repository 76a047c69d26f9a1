// HTTP for evidence documents: multipart upload onto a talent's record, download by owner and privileged roles.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { errorResponses } from '../../http/common.schema';
import { DocumentInfo, TalentParams } from '../talents/talents.schema';
import { getDocumentContent, MAX_DOCUMENT_BYTES, uploadTalentDocument } from './documents.service';

const DocumentParams = z.object({
  district: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  documentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1, fields: 10 } });

  app.post(
    '/d/:district/talents/:talentId/documents',
    {
      config: { authz: 'document:upload' },
      schema: {
        tags: ['documents'],
        summary:
          'Upload an evidence document (multipart: file, kind, facts = comma-separated fact names); PDF, JPEG or PNG ≤ 10 MB',
        consumes: ['multipart/form-data'],
        params: TalentParams,
        response: { 201: DocumentInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError(
          'validation_failed',
          { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' },
          { fields: [{ field: 'file', message: 'multipart/form-data' }] },
        );
      const fields: Record<string, string> = {};
      let file: { fileName: string; bytes: Buffer; truncated: boolean } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file')
            file = { fileName: part.filename, bytes: await part.toBuffer(), truncated: part.file.truncated };
          else fields[part.fieldname] = String(part.value);
        }
      } catch (err) {
        // Over the size limit: the service answers with the limit in the caller's language.
        if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
        file = { fileName: file?.fileName ?? 'file', bytes: Buffer.alloc(0), truncated: true };
      }
      const doc = await uploadTalentDocument(request.ctx, request.params.talentId, {
        fileName: file?.fileName ?? '',
        bytes: file?.bytes ?? new Uint8Array(),
        truncated: file?.truncated ?? false,
        kind: fields.kind ?? 'other',
        facts: (fields.facts ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      return reply.code(201).send(doc);
    },
  );

  app.get(
    '/d/:district/documents/:documentId/content',
    {
      config: { authz: 'document:read' },
      schema: {
        tags: ['documents'],
        summary: "A document's bytes (owner, own HR, reviewers, stations, the district)",
        params: DocumentParams,
        response: { 200: z.unknown().meta({ description: 'The file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const doc = await getDocumentContent(request.ctx, request.params.documentId);
      return reply
        .type(doc.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(doc.bytes));
    },
  );
};
