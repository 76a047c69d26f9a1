// What each server instance keeps in memory so that verification needs no database round trip: the
// verification keys, the set of revoked codes (refreshed from talent_code_revocations at least every
// REFRESH_MS, and at once on the instance that revoked), the holders of recently seen codes and each
// district's tier catalogue. One runtime per database handle, so two instances never share it.
import type { KeyObject } from 'node:crypto';
import type { Entitlement, Text } from '@rencai/engine';
import type { Db } from '../../db/client';
import { createPiiCipher } from '../../lib/pii';
import { generateSigningKey, loadPrivateKey, loadPublicKey, type SigningAlg } from '../../lib/signing';
import { findActivePack } from '../policies/pack-cache';
import * as repo from './talent-code.repo';
import type { Signer } from './talent-code.token';

/** How stale the revocation set may get before a verification waits for a refresh. */
export const REFRESH_MS = 15_000;
/** Retired keys stay published (and verify) this long, for verifiers that cached the key set. */
export const RETIRED_KEY_DAYS = 7;
const HOLDER_TTL_MS = 5 * 60_000;
const TIERS_TTL_MS = 60_000;
const MAX_HOLDERS = 50_000;

export type KeyEntry = {
  kid: string;
  alg: SigningAlg;
  publicKey: KeyObject;
  publicDer: string;
  status: string;
};
export type TierInfo = { id: string; name: Text; entitlements: Entitlement[] };
export type HolderInfo = repo.Holder;

export class CodeRuntime {
  readonly keys = new Map<string, KeyEntry>();
  readonly revoked = new Set<string>();
  private lastRevocationId = 0;
  private refreshedAt = 0;
  private refreshing: Promise<void> | undefined;
  private lastKeyMiss = 0;
  private signers = new Map<SigningAlg, Signer>();
  private holders = new Map<string, { at: number; holder: HolderInfo | undefined }>();
  private tiers = new Map<string, { at: number; tiers: Map<string, TierInfo> }>();

  constructor(
    readonly db: Db,
    readonly refreshMs = REFRESH_MS,
  ) {}

  readonly keyOf = (kid: string) => this.keys.get(kid);
  readonly isRevoked = (code: string) => this.revoked.has(code);

  /** Refreshes keys and revocations when older than the interval (concurrent callers share one refresh). */
  async fresh(now = Date.now()): Promise<void> {
    if (now - this.refreshedAt < this.refreshMs) return;
    await this.refresh();
  }

  /** Reads new revocations and the published keys now. A failed read keeps the last state and retries in 1 s. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        for (const r of await repo.listRevocationsAfter(this.db, this.lastRevocationId)) {
          this.revoked.add(r.code);
          this.lastRevocationId = Math.max(this.lastRevocationId, Number(r.id));
        }
        await this.loadKeys();
        this.refreshedAt = Date.now();
      } catch {
        this.refreshedAt = Date.now() - this.refreshMs + 1000;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** A token names a key this instance does not know: reload the keys, at most every 5 s. */
  async reloadForUnknownKey(kid: string): Promise<boolean> {
    if (this.keys.has(kid) || Date.now() - this.lastKeyMiss < 5000) return false;
    this.lastKeyMiss = Date.now();
    await this.loadKeys().catch(() => {});
    return this.keys.has(kid);
  }

  private async loadKeys(): Promise<void> {
    const rows = await repo.listPublishedKeys(this.db, new Date(Date.now() - RETIRED_KEY_DAYS * 86_400_000));
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.kid);
      const known = this.keys.get(row.kid);
      if (known) {
        known.status = row.status;
        continue;
      }
      this.keys.set(row.kid, {
        kid: row.kid,
        alg: row.alg as SigningAlg,
        publicKey: loadPublicKey(row.publicKey),
        publicDer: row.publicKey,
        status: row.status,
      });
    }
    for (const kid of [...this.keys.keys()]) if (!seen.has(kid)) this.keys.delete(kid);
    for (const [alg, signer] of this.signers) {
      if (this.keys.get(signer.kid)?.status !== 'active') this.signers.delete(alg);
    }
  }

  /** Marks a code revoked on this instance at once (the revoking instance does not wait for a refresh). */
  revokeLocally(code: string): void {
    this.revoked.add(code);
    this.holders.delete(code);
  }

  /** The active signing key of an algorithm, created (once, across instances) when there is none. */
  async signer(alg: SigningAlg, piiKey: string): Promise<Signer> {
    const cached = this.signers.get(alg);
    if (cached) return cached;
    const sealer = createPiiCipher(piiKey);
    let row = await repo.findActiveKey(this.db, alg);
    if (!row) {
      row = await this.db.transaction(async (t) => {
        const tx = t as unknown as Db;
        await repo.lockKeys(tx);
        const existing = await repo.findActiveKey(tx, alg);
        if (existing) return existing;
        const key = generateSigningKey(alg);
        return repo.insertKey(tx, {
          kid: key.kid,
          alg,
          publicKey: key.publicKeyDer,
          privateKeyEnc: sealer.encrypt(key.privateKeyPem),
        });
      });
    }
    const signer: Signer = {
      kid: row.kid,
      alg,
      privateKey: loadPrivateKey(sealer.decrypt(row.privateKeyEnc)),
    };
    this.signers.set(alg, signer);
    await this.loadKeys();
    return signer;
  }

  /** Forgets the cached signer of an algorithm (after a rotation). */
  dropSigner(alg: SigningAlg): void {
    this.signers.delete(alg);
  }

  /** The holder of a public code id (cached a few minutes; the revocation set overrides the cache). */
  async holder(code: string): Promise<HolderInfo | undefined> {
    const hit = this.holders.get(code);
    if (hit && Date.now() - hit.at < HOLDER_TTL_MS) return hit.holder;
    const holder = await repo.findHolder(this.db, code);
    if (this.holders.size >= MAX_HOLDERS) this.holders.clear();
    this.holders.set(code, { at: Date.now(), holder });
    return holder;
  }

  /** The district's tiers (from the active pack) by id; empty when no pack is published. */
  async tiersOf(district: string): Promise<Map<string, TierInfo>> {
    const hit = this.tiers.get(district);
    if (hit && Date.now() - hit.at < TIERS_TTL_MS) return hit.tiers;
    const active = await findActivePack(this.db, district);
    const tiers = new Map<string, TierInfo>();
    for (const t of active?.pack.pack.tiers ?? []) {
      tiers.set(t.id, { id: t.id, name: t.name, entitlements: t.entitlements });
    }
    this.tiers.set(district, { at: Date.now(), tiers });
    return tiers;
  }
}

const runtimes = new WeakMap<Db, CodeRuntime>();

/** The runtime of a database handle (one per app instance in practice). */
export function runtimeFor(db: Db): CodeRuntime {
  let rt = runtimes.get(db);
  if (!rt) {
    rt = new CodeRuntime(db);
    runtimes.set(db, rt);
  }
  return rt;
}
