// The only SQL of 人才活动: events, seats (moved by conditional UPDATEs only), registrations, the waiting list.
import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { eventRegistrations, events, talents } from '../../db/schema';

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

export function listEvents(db: Db, district: string, from?: Date) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.district, district), from ? gte(events.endsAt, from) : undefined))
    .orderBy(asc(events.startsAt), asc(events.id));
}

export async function findEvent(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.district, district), eq(events.id, id)));
  return row;
}

export async function insertEvent(tx: Db, row: typeof events.$inferInsert) {
  const [inserted] = await tx.insert(events).values(row).returning();
  if (!inserted) throw new Error('event insert returned nothing');
  return inserted;
}

export async function updateEvent(tx: Db, id: number, changes: Partial<typeof events.$inferInsert>) {
  const [row] = await tx
    .update(events)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(events.id, id))
    .returning();
  return row;
}

/** Takes one seat if one is left on an open event (a single conditional UPDATE); false when full or closed. */
export async function takeSeat(tx: Db, eventId: number): Promise<boolean> {
  const rows = await tx
    .update(events)
    .set({ registeredCount: sql`${events.registeredCount} + 1` })
    .where(
      and(
        eq(events.id, eventId),
        eq(events.status, 'open'),
        sql`${events.registeredCount} < ${events.capacity}`,
      ),
    )
    .returning({ id: events.id });
  return rows.length > 0;
}

export async function releaseSeat(tx: Db, eventId: number) {
  await tx
    .update(events)
    .set({ registeredCount: sql`${events.registeredCount} - 1` })
    .where(and(eq(events.id, eventId), sql`${events.registeredCount} > 0`));
}

export async function insertRegistration(tx: Db, row: typeof eventRegistrations.$inferInsert) {
  const [inserted] = await tx.insert(eventRegistrations).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** The talent's open (registered or waiting) registration for an event. */
export async function findOpenRegistration(db: Db, eventId: number, talentId: number) {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.talentId, talentId),
        inArray(eventRegistrations.status, ['registered', 'waiting']),
      ),
    )
    .limit(1);
  return row;
}

/** registered|waiting → cancelled (conditional); undefined when it was not open any more. */
export async function cancelRegistration(tx: Db, id: number, at: Date) {
  const [row] = await tx
    .update(eventRegistrations)
    .set({ status: 'cancelled', cancelledAt: at })
    .where(and(eq(eventRegistrations.id, id), inArray(eventRegistrations.status, ['registered', 'waiting'])))
    .returning();
  return row;
}

/** Moves the first of the waiting list onto a seat (the seat count is unchanged: the seat passes on). */
export async function promoteFirstWaiting(tx: Db, eventId: number, at: Date) {
  const [row] = await tx
    .update(eventRegistrations)
    .set({ status: 'registered', promotedAt: at })
    .where(
      sql`${eventRegistrations.id} = (SELECT r.id FROM event_registrations r WHERE r.event_id = ${eventId}
            AND r.status = 'waiting' ORDER BY r.registered_at, r.id LIMIT 1 FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
  return row;
}

/** 1-based place on the waiting list. */
export async function waitingPosition(db: Db, reg: RegistrationRow): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, reg.eventId),
        eq(eventRegistrations.status, 'waiting'),
        sql`(${eventRegistrations.registeredAt}, ${eventRegistrations.id}) <
            (SELECT me.registered_at, me.id FROM event_registrations me WHERE me.id = ${reg.id})`,
      ),
    );
  return Number(row?.n ?? 0) + 1;
}

export async function waitingCounts(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ eventId: eventRegistrations.eventId, n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(inArray(eventRegistrations.eventId, eventIds), eq(eventRegistrations.status, 'waiting')))
    .groupBy(eventRegistrations.eventId);
  return new Map(rows.map((r) => [Number(r.eventId), Number(r.n)]));
}

/** An event's registrations (registered first, then the waiting list in order), with names. */
export function listRegistrations(db: Db, eventId: number) {
  return db
    .select({ registration: eventRegistrations, name: talents.name })
    .from(eventRegistrations)
    .innerJoin(talents, eq(talents.id, eventRegistrations.talentId))
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(
      sql`case ${eventRegistrations.status} when 'registered' then 0 when 'waiting' then 1 else 2 end`,
      asc(eventRegistrations.registeredAt),
      asc(eventRegistrations.id),
    );
}

/** A talent's registrations with their events, newest event first. */
export function listRegistrationsOfTalent(db: Db, district: string, talentId: number) {
  return db
    .select({ registration: eventRegistrations, event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.district, district), eq(eventRegistrations.talentId, talentId)))
    .orderBy(desc(events.startsAt), desc(eventRegistrations.id));
}

/** Marks a registered seat as checked in, once (conditional); undefined when not registered or already in. */
export async function checkIn(tx: Db, id: number, at: Date, by: string) {
  const [row] = await tx
    .update(eventRegistrations)
    .set({ checkedInAt: at, checkedInBy: by })
    .where(
      and(
        eq(eventRegistrations.id, id),
        eq(eventRegistrations.status, 'registered'),
        sql`${eventRegistrations.checkedInAt} IS NULL`,
      ),
    )
    .returning();
  return row;
}
