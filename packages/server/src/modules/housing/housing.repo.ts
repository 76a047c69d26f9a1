// The only SQL of 人才安居: apartments, the waiting queue (ordered by the snapshotted priority), leases.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apartments, housingApplications, leases, talents } from '../../db/schema';

export type ApartmentRow = typeof apartments.$inferSelect;
export type ApplicationRow = typeof housingApplications.$inferSelect;
export type LeaseRow = typeof leases.$inferSelect;

/**
 * The queue order (documented default; the packs name no allocation order): the better tier first
 * (catalogue order), then the larger family (more children), then the longer wait, then the id.
 */
export const queueOrder = [
  asc(housingApplications.tierRank),
  desc(housingApplications.childrenCount),
  asc(housingApplications.appliedAt),
  asc(housingApplications.id),
];

/** SQL true when the row is ahead, in queue order, of the application with the given id. */
const aheadOf = (id: number) =>
  sql`(${housingApplications.tierRank}, -${housingApplications.childrenCount}, ${housingApplications.appliedAt}, ${housingApplications.id})
      < (SELECT me.tier_rank, -me.children_count, me.applied_at, me.id FROM housing_applications me WHERE me.id = ${id})`;

// ------------------------------------------------------------------ apartments

export function listApartments(db: Db, district: string) {
  return db
    .select()
    .from(apartments)
    .where(eq(apartments.district, district))
    .orderBy(asc(apartments.building), asc(apartments.unit));
}

export async function findApartment(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(apartments)
    .where(and(eq(apartments.district, district), eq(apartments.id, id)));
  return row;
}

export async function insertApartment(db: Db, row: typeof apartments.$inferInsert) {
  const [inserted] = await db.insert(apartments).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function updateApartment(
  db: Db,
  district: string,
  id: number,
  changes: Partial<Pick<ApartmentRow, 'building' | 'unit' | 'areaSqm' | 'rentMonthly' | 'status'>>,
) {
  const [row] = await db
    .update(apartments)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(apartments.district, district), eq(apartments.id, id)))
    .returning();
  return row;
}

/** Deletes a flat that was never let (a let flat keeps its history); undefined when refused. */
export async function deleteNeverLetApartment(db: Db, district: string, id: number) {
  const [row] = await db
    .delete(apartments)
    .where(
      and(
        eq(apartments.district, district),
        eq(apartments.id, id),
        sql`NOT EXISTS (SELECT 1 FROM leases l WHERE l.apartment_id = ${apartments.id})
            AND NOT EXISTS (SELECT 1 FROM housing_applications h WHERE h.apartment_id = ${apartments.id})`,
      ),
    )
    .returning();
  return row;
}

/**
 * Takes one vacant flat (the given one, or the first vacant one of the building) with a single
 * conditional UPDATE: it succeeds for one transaction only; a concurrent one gets nothing.
 */
export async function claimVacantApartment(
  tx: Db,
  district: string,
  target: { apartmentId: number } | { building: string },
): Promise<ApartmentRow | undefined> {
  const pick =
    'apartmentId' in target
      ? sql`${target.apartmentId}`
      : sql`(SELECT a.id FROM apartments a WHERE a.district = ${district} AND a.building = ${target.building}
              AND a.status = 'vacant' ORDER BY a.unit, a.id LIMIT 1 FOR UPDATE SKIP LOCKED)`;
  const [row] = await tx
    .update(apartments)
    .set({ status: 'let', updatedAt: new Date() })
    .where(
      and(
        eq(apartments.district, district),
        sql`${apartments.id} = ${pick}`,
        eq(apartments.status, 'vacant'),
      ),
    )
    .returning();
  return row;
}

export async function releaseApartment(tx: Db, id: number) {
  await tx
    .update(apartments)
    .set({ status: 'vacant', updatedAt: new Date() })
    .where(and(eq(apartments.id, id), eq(apartments.status, 'let')));
}

/** Buildings with their flats and vacancies, and the queue length of each. */
export async function listBuildings(db: Db, district: string) {
  const result = (await db.execute(sql`
    SELECT a.building,
           count(*)::int AS flats,
           count(*) FILTER (WHERE a.status = 'vacant')::int AS vacant,
           min(a.rent_monthly)::int AS min_rent,
           max(a.rent_monthly)::int AS max_rent,
           min(a.area_sqm)::int AS min_area,
           max(a.area_sqm)::int AS max_area,
           (SELECT count(*)::int FROM housing_applications h
             WHERE h.district = ${district} AND h.building = a.building AND h.status = 'waiting') AS waiting
      FROM apartments a
     WHERE a.district = ${district}
     GROUP BY a.building
     ORDER BY a.building`)) as unknown as {
    rows: {
      building: string;
      flats: number;
      vacant: number;
      min_rent: number;
      max_rent: number;
      min_area: number;
      max_area: number;
      waiting: number;
    }[];
  };
  return result.rows.map((r) => ({
    building: r.building,
    flats: Number(r.flats),
    vacant: Number(r.vacant),
    waiting: Number(r.waiting),
    rent: { min: Number(r.min_rent), max: Number(r.max_rent) },
    area: { min: Number(r.min_area), max: Number(r.max_area) },
  }));
}

// ------------------------------------------------------------------ applications and the queue

export async function insertApplication(tx: Db, row: typeof housingApplications.$inferInsert) {
  const [inserted] = await tx.insert(housingApplications).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findApplication(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(housingApplications)
    .where(and(eq(housingApplications.district, district), eq(housingApplications.id, id)));
  return row;
}

/** The talent's open application (waiting or allocated), if any. */
export async function findOpenApplication(db: Db, district: string, talentId: number) {
  const [row] = await db
    .select()
    .from(housingApplications)
    .where(
      and(
        eq(housingApplications.district, district),
        eq(housingApplications.talentId, talentId),
        sql`${housingApplications.status} in ('waiting', 'allocated')`,
      ),
    )
    .limit(1);
  return row;
}

/** 1 + the number of waiting applications for the same building ahead of this one. */
export async function queuePosition(
  db: Db,
  app: Pick<ApplicationRow, 'id' | 'district' | 'building'>,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(housingApplications)
    .where(
      and(
        eq(housingApplications.district, app.district),
        eq(housingApplications.building, app.building),
        eq(housingApplications.status, 'waiting'),
        aheadOf(app.id),
      ),
    );
  return Number(row?.n ?? 0) + 1;
}

/** The waiting queue of a district (one building, or all), in allocation order, with the talent's name. */
export function listQueue(db: Db, district: string, building?: string) {
  return db
    .select({ application: housingApplications, name: talents.name })
    .from(housingApplications)
    .innerJoin(talents, eq(talents.id, housingApplications.talentId))
    .where(
      and(
        eq(housingApplications.district, district),
        eq(housingApplications.status, 'waiting'),
        building ? eq(housingApplications.building, building) : undefined,
      ),
    )
    .orderBy(asc(housingApplications.building), ...queueOrder);
}

/** The head of a building's queue, locked so two allocations cannot hand it two flats. */
export async function lockQueueHead(tx: Db, district: string, building: string) {
  const [row] = await tx
    .select()
    .from(housingApplications)
    .where(
      and(
        eq(housingApplications.district, district),
        eq(housingApplications.building, building),
        eq(housingApplications.status, 'waiting'),
      ),
    )
    .orderBy(...queueOrder)
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/** waiting → allocated with a single conditional UPDATE; undefined when the application was no longer waiting. */
export async function markAllocated(tx: Db, id: number, apartmentId: number, at: Date) {
  const [row] = await tx
    .update(housingApplications)
    .set({ status: 'allocated', apartmentId, allocatedAt: at, updatedAt: at })
    .where(and(eq(housingApplications.id, id), eq(housingApplications.status, 'waiting')))
    .returning();
  return row;
}

export async function setApplicationStatus(
  tx: Db,
  id: number,
  from: ApplicationRow['status'],
  to: ApplicationRow['status'],
) {
  const [row] = await tx
    .update(housingApplications)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(housingApplications.id, id), eq(housingApplications.status, from)))
    .returning();
  return row;
}

// ------------------------------------------------------------------ leases

export async function insertLease(tx: Db, row: typeof leases.$inferInsert) {
  const [inserted] = await tx.insert(leases).values(row).returning();
  if (!inserted) throw new Error('lease insert returned nothing');
  return inserted;
}

export async function findLease(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(leases)
    .where(and(eq(leases.district, district), eq(leases.id, id)));
  return row;
}

export async function findActiveLeaseOfTalent(db: Db, district: string, talentId: number) {
  const [row] = await db
    .select({ lease: leases, apartment: apartments })
    .from(leases)
    .innerJoin(apartments, eq(apartments.id, leases.apartmentId))
    .where(and(eq(leases.district, district), eq(leases.talentId, talentId), eq(leases.status, 'active')))
    .limit(1);
  return row;
}

export function listLeases(db: Db, district: string, status?: string) {
  return db
    .select({ lease: leases, apartment: apartments, name: talents.name })
    .from(leases)
    .innerJoin(apartments, eq(apartments.id, leases.apartmentId))
    .innerJoin(talents, eq(talents.id, leases.talentId))
    .where(and(eq(leases.district, district), status ? eq(leases.status, status) : undefined))
    .orderBy(desc(leases.id));
}

/** active → ended with a single conditional UPDATE; undefined when it had already ended. */
export async function endLease(tx: Db, id: number, at: Date, reason: string) {
  const [row] = await tx
    .update(leases)
    .set({ status: 'ended', endedAt: at, endReason: reason })
    .where(and(eq(leases.id, id), eq(leases.status, 'active')))
    .returning();
  return row;
}
