// Evidence documents: PDF, JPEG or PNG up to 10 MB, recognised by their first bytes (not the file name),
// stored once per SHA-256, linked to the facts they support; read only by the owner and privileged roles.
import { createHash } from 'node:crypto';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import { fieldErrors, getScopedTalent } from '../talents/talents.service';
import * as repo from './documents.repo';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_KINDS = [
  'degree_certificate',
  'id_document',
  'contract',
  'social_insurance',
  'title_certificate',
  'honour',
  'housing',
  'other',
] as const;

/** The type of a file by its magic bytes: PDF (%PDF-), JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A). */
export function sniffMime(bytes: Uint8Array): 'application/pdf' | 'image/jpeg' | 'image/png' | undefined {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return undefined;
}

export type UploadInput = {
  fileName: string;
  bytes: Uint8Array;
  kind: string;
  facts: string[];
  truncated: boolean;
};

const t = (ctx: Ctx, zh: string, en: string) => (ctx.lang === 'en' ? en : zh);

/** Stores an evidence document on a talent's record and links it to the named facts. */
export async function uploadTalentDocument(
  ctx: Ctx,
  talentId: number,
  input: UploadInput,
): Promise<repo.DocumentView> {
  const actor = authorize(ctx, 'document:upload');
  const talent = await getScopedTalent(ctx, actor, talentId);
  if (input.truncated || input.bytes.length > MAX_DOCUMENT_BYTES)
    throw fieldErrors([
      { field: 'file', message: t(ctx, '文件不能超过 10 MB', 'the file must be at most 10 MB') },
    ]);
  if (input.bytes.length === 0)
    throw fieldErrors([{ field: 'file', message: t(ctx, '请选择文件', 'choose a file') }]);
  const mime = sniffMime(input.bytes);
  if (!mime)
    throw fieldErrors([
      {
        field: 'file',
        message: t(ctx, '只能上传 PDF、JPEG 或 PNG 文件', 'only PDF, JPEG or PNG files are accepted'),
      },
    ]);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind))
    throw fieldErrors([{ field: 'kind', message: t(ctx, '材料类型不正确', 'unknown document kind') }]);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const fileName = input.fileName.replace(/[\\/\0]/g, '_').slice(0, 200) || 'document';
  const doc = await ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    await repo.insertBlobIfAbsent(tx, { sha256, mime, bytes: input.bytes });
    const row = await repo.insertDocument(tx, {
      district: talent.district,
      talentId: talent.id,
      kind: input.kind,
      fileName,
      mime,
      size: input.bytes.length,
      sha256,
      uploadedBy: actor.username,
    });
    await repo.linkDocumentToFacts(tx, talent.id, row.id, input.facts);
    await appendAudit(ctx, tx, {
      action: 'document.upload',
      object: `document:${row.id}`,
      outcome: 'success',
      details: { talentId: talent.id, kind: input.kind, mime, size: input.bytes.length, sha256 },
    });
    return row;
  });
  const views = await repo.listDocumentsOfTalent(ctx.db, talent.id);
  const view = views.find((v) => v.id === doc.id);
  if (!view) throw new Error('document vanished');
  return view;
}

/** The bytes of a document, for its owner and the roles that may read the record. */
export async function getDocumentContent(
  ctx: Ctx,
  documentId: number,
): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
  const actor = authorize(ctx, 'document:read');
  const doc = await repo.findDocument(ctx.db, documentId);
  if (!doc || doc.district !== ctx.district || doc.talentId === null)
    throw new AppError('not_found', 'not_found');
  await getScopedTalent(ctx, actor, doc.talentId);
  const blob = await repo.findBlob(ctx.db, doc.sha256);
  if (!blob) throw new AppError('not_found', 'not_found');
  return { fileName: doc.fileName, mime: doc.mime, bytes: blob.bytes };
}
