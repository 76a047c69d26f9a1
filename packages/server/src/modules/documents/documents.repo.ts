// The only SQL for evidence documents and the blobs that hold their bytes (one blob per SHA-256).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { blobs, documents, talentFacts } from '../../db/schema';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentView = {
  id: number;
  kind: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  facts: string[];
};

/** Stores bytes once per content hash (a second upload of the same file reuses the blob). */
export async function insertBlobIfAbsent(
  db: Db,
  b: { sha256: string; mime: string; bytes: Uint8Array },
): Promise<void> {
  await db
    .insert(blobs)
    .values({ sha256: b.sha256, mime: b.mime, size: b.bytes.length, bytes: b.bytes })
    .onConflictDoNothing();
}

export async function findBlob(
  db: Db,
  sha256: string,
): Promise<{ mime: string; bytes: Uint8Array } | undefined> {
  const [row] = await db
    .select({ mime: blobs.mime, bytes: blobs.bytes })
    .from(blobs)
    .where(eq(blobs.sha256, sha256))
    .limit(1);
  if (!row) return undefined;
  return { mime: row.mime, bytes: toBytes(row.bytes) };
}

/** bytea comes back as a Buffer (pg) or a Uint8Array (PGlite); hex text on some paths. */
function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex');
  throw new Error('unexpected bytea value');
}

export async function insertDocument(db: Db, row: typeof documents.$inferInsert): Promise<DocumentRow> {
  const [inserted] = await db.insert(documents).values(row).returning();
  if (!inserted) throw new Error('document insert returned nothing');
  return inserted;
}

export async function findDocument(db: Db, id: number): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
  return row;
}

/** Which of these document ids belong to the talent. */
export async function documentIdsOfTalent(db: Db, talentId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.talentId, talentId), inArray(documents.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Adds a document to the evidence of existing fact rows of the talent. */
export async function linkDocumentToFacts(
  db: Db,
  talentId: number,
  documentId: number,
  names: string[],
): Promise<void> {
  if (!names.length) return;
  await db
    .update(talentFacts)
    .set({ documentIds: sql`array_append(${talentFacts.documentIds}, ${documentId}::bigint)` })
    .where(
      and(
        eq(talentFacts.talentId, talentId),
        inArray(talentFacts.name, names),
        sql`NOT (${documentId}::bigint = ANY(${talentFacts.documentIds}))`,
      ),
    );
}

export async function listDocumentsOfTalent(db: Db, talentId: number): Promise<DocumentView[]> {
  const rows = await db
    .select()
    .from(documents)
    .where(eq(documents.talentId, talentId))
    .orderBy(desc(documents.id));
  if (!rows.length) return [];
  const facts = await db
    .select({ name: talentFacts.name, ids: talentFacts.documentIds })
    .from(talentFacts)
    .where(eq(talentFacts.talentId, talentId));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
    facts: facts.filter((f) => f.ids.map(Number).includes(r.id)).map((f) => f.name),
  }));
}
