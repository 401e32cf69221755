import * as z from '../zod';
import { ENV_VAR_PATTERN, LIMITS } from './key-limits';

export { ENV_VAR_PATTERN, LIMITS };

/**
 * The non-secret fields of a key, as stored in the encrypted index. The value itself lives only
 * in the keychain under `key:<id>`.
 */
export const keyRecordSchema = z.lazySchema(() =>
  z.strictObject({
    id: z.uuid(),
    name: z.string().check(z.minLength(1), z.maxLength(LIMITS.nameMax)),
    envVar: z.nullable(z.string().check(z.maxLength(LIMITS.envVarMax))),
    provider: z.nullable(z.string().check(z.maxLength(LIMITS.providerMax))),
    tags: z.array(z.string().check(z.maxLength(LIMITS.tagMax))).check(z.maxLength(LIMITS.tagsPerKey)),
    notes: z.string().check(z.maxLength(LIMITS.notesMax)),
    scopes: z.array(z.string().check(z.maxLength(LIMITS.scopeMax))).check(z.maxLength(LIMITS.scopesPerKey)),
    url: z.nullable(z.string().check(z.maxLength(LIMITS.urlMax))),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastUsedAt: z.nullable(z.string()),
    rotatedAt: z.nullable(z.string()),
    rotateEveryDays: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.rotateEveryDaysMax))),
    expiresAt: z.nullable(z.string()),
  }),
);

export type KeyRecord = z.infer<ReturnType<typeof keyRecordSchema>>;

/** Facts the UI and CLI show as badges; computed in core so both agree. */
export interface KeyStatus {
  rotationDue: boolean;
  expiringSoon: boolean;
  expired: boolean;
  unused: boolean;
}

/** `reference`: the key's keystash:// reference (core/refs), ready to paste; the window cannot compute it. */
export type KeySummary = KeyRecord & { status: KeyStatus; reference: string };

/** A new record with every optional field empty; callers then apply what the user gave. */
export function newKeyRecord(id: string, name: string, stamp: string): KeyRecord {
  return {
    id,
    name,
    envVar: null,
    provider: null,
    tags: [],
    notes: '',
    scopes: [],
    url: null,
    createdAt: stamp,
    updatedAt: stamp,
    lastUsedAt: null,
    rotatedAt: null,
    rotateEveryDays: null,
    expiresAt: null,
  };
}
