import { z } from 'zod';
import { Audience, GrantMode } from '../policies/policies.schema';

const PackVersionRef = z.object({ id: z.number().int(), version: z.number().int(), label: z.string() });
const Verdict = z.enum(['eligible', 'unknown', 'ineligible']);

export const RunParams = z.object({
  district: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  runId: z.coerce.number().int().positive(),
});

export const MyPolicies = z
  .object({
    subject: z
      .object({ kind: Audience, id: z.number().int(), name: z.string() })
      .nullable()
      .meta({ description: 'null when the caller has no talent or enterprise record yet' }),
    kind: Audience,
    packVersion: PackVersionRef,
    decidedAt: z.string().nullable(),
    total: z.number().meta({ description: 'Sum of the offered amounts after 就高不重复' }),
    totalComplete: z.boolean(),
    items: z.array(
      z.object({
        policyId: z.string(),
        title: z.string(),
        summary: z.string().nullable(),
        kind: z.string(),
        verdict: Verdict,
        amount: z.number().nullable(),
        amountText: z.string(),
        schedule: z.array(
          z.object({
            share: z.number(),
            amount: z.number().nullable(),
            dueDate: z.string(),
            state: z.enum(['due', 'pending', 'unknown']),
          }),
        ),
        scheduleText: z.array(z.string()),
        missing: z.array(z.object({ name: z.string(), label: z.string(), link: z.string() })).meta({
          description: 'Unknown: the facts that would decide it, and the profile section that supplies each',
        }),
        reasons: z.array(z.string()).meta({ description: 'Ineligible: the conditions not met, in words' }),
        grantMode: GrantMode,
        automatic: z.boolean(),
        illustrative: z.boolean(),
        exclusivity: z
          .object({
            group: z.string(),
            chosen: z.boolean(),
            displacedBy: z.string().nullable(),
            displacedByTitle: z.string().nullable(),
          })
          .nullable(),
        applyUrl: z.string().nullable(),
      }),
    ),
    groups: z.array(
      z.object({
        group: z.string(),
        name: z.string(),
        resolution: z.enum(['highest', 'newest', 'priority']),
        resolutionText: z.string(),
        chosen: z.string().nullable(),
        chosenTitle: z.string().nullable(),
        members: z.array(
          z.object({
            policyId: z.string(),
            title: z.string(),
            verdict: Verdict,
            amount: z.number().nullable(),
            amountText: z.string(),
          }),
        ),
      }),
    ),
    counts: z.object({ eligible: z.number().int(), unknown: z.number().int(), ineligible: z.number().int() }),
  })
  .meta({ id: 'MyPolicies' });

export const PolicyCounts = z
  .object({
    packVersion: PackVersionRef,
    claimsAvailable: z
      .boolean()
      .meta({ description: 'False while the claims tables are absent: applied, granted and paid read 0' }),
    subjects: z.object({ decided: z.number().int(), olderVersions: z.number().int() }),
    items: z.array(
      z.object({
        policyId: z.string(),
        title: z.string(),
        audience: Audience,
        fund: z.string().nullable(),
        grantMode: GrantMode,
        eligible: z.number().int(),
        offered: z.number().int().meta({ description: 'Eligible and kept by 就高不重复' }),
        unknown: z.number().int(),
        offeredAmount: z.number(),
        applied: z.number().int(),
        granted: z.number().int(),
        paid: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PolicyCounts' });

export const MatchingRun = z
  .object({
    id: z.number().int(),
    packVersionId: z.number().int(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'superseded']),
    total: z.number().int(),
    done: z.number().int(),
    newlyEligible: z.number().int(),
    notified: z.number().int(),
    error: z.string().nullable(),
    requestedBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'MatchingRun' });

export const MatchingRuns = z.object({ items: z.array(MatchingRun) }).meta({ id: 'MatchingRuns' });
