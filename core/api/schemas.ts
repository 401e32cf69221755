import { z } from 'zod';
import { ENV_VAR_PATTERN, LIMITS } from '../keys/key-record';
import { isReadableLabel, unreadableLabelMessage } from '../keys/label-text';
import { MAX_SECRET_BYTES } from '../keychain/keychain';
import { AUDIT_EVENTS } from '../audit/audit-events';
import { EXPORT_FORMATS, K8S_NAME_PATTERN } from '../env/export-options';
import { BACKUP_MAX_CHARS, PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS, RESTORE_CONFLICT_ACTIONS, passphraseLength } from '../backup/backup-limits';

/**
 * Argument schemas for the contract. Every object is strict (unknown fields are refused) and every
 * string and array has a maximum, so a hostile caller cannot make main allocate without bound.
 * Messages name the field and the limit, never the received value.
 */

/** Names and tags are trimmed, stored in NFC and refused with invisible characters: see core/keys/label-text. */
export const keyName = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'Name is required.')
  .max(LIMITS.nameMax, `Name must be at most ${LIMITS.nameMax} characters.`)
  .refine(isReadableLabel, unreadableLabelMessage('A name'));

export const envVar = z
  .string()
  .trim()
  .max(LIMITS.envVarMax)
  .regex(ENV_VAR_PATTERN, 'Environment variable must start with a letter or _ and contain only letters, digits and _.');

export const tagName = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'A tag cannot be empty.')
  .max(LIMITS.tagMax, `A tag must be at most ${LIMITS.tagMax} characters.`)
  .refine((t) => !t.includes(','), 'A tag cannot contain a comma.')
  .refine(isReadableLabel, unreadableLabelMessage('A tag'));

const utf8 = new TextEncoder();

/**
 * A secret value. Size is checked in UTF-8 bytes because that is what the keychain stores.
 * (TextEncoder rather than Buffer: these schemas are bundled into the preload and the host page.)
 */
export const secretValue = z
  .string()
  .max(MAX_SECRET_BYTES)
  .refine((v) => v.length > 0, 'The secret cannot be empty.')
  .refine((v) => utf8.encode(v).length <= MAX_SECRET_BYTES, 'The secret is larger than 64 KiB.');

const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'Use a date like 2027-01-31 (or a full ISO 8601 time).',
});

export const keyRef = z.union([
  z.strictObject({ id: z.uuid() }),
  z.strictObject({ name: keyName }),
]);

const editableFields = z.strictObject({
  envVar: envVar.nullable(),
  provider: z.string().trim().max(LIMITS.providerMax).nullable(),
  tags: z.array(tagName).max(LIMITS.tagsPerKey),
  notes: z.string().max(LIMITS.notesMax),
  scopes: z.array(z.string().trim().min(1).max(LIMITS.scopeMax)).max(LIMITS.scopesPerKey),
  url: z
    .url({ protocol: /^https?$/, error: 'Console URL must be an http(s) address.' })
    .max(LIMITS.urlMax)
    .nullable(),
  rotateEveryDays: z.number().int().min(1).max(LIMITS.rotateEveryDaysMax).nullable(),
  expiresAt: isoDate.nullable(),
});

export const createKeyArgs = editableFields.partial().extend({ name: keyName, secret: secretValue });
export const updateKeyArgs = editableFields.partial().extend({ key: keyRef, name: keyName.optional() });

export type KeyRef = z.infer<typeof keyRef>;
export type EditableKeyFields = z.infer<ReturnType<typeof editableFields.partial>>;
export type CreateKeyArgs = z.infer<typeof createKeyArgs>;
export type UpdateKeyArgs = z.infer<typeof updateKeyArgs>;

export const listKeysArgs = z.strictObject({
  query: z.string().max(200, 'Search text must be at most 200 characters.').optional(),
  tags: z.array(tagName).max(20).optional(),
  filter: z.enum(['rotationDue', 'expiringSoon', 'unused']).optional(),
  sort: z.enum(['name', 'lastUsed', 'created']).optional(),
});

export const totpCode = z.string().trim().regex(/^\d{6}$/, 'An authenticator code is 6 digits.');
export const recoveryCode = z
  .string()
  .trim()
  .min(8)
  .max(40)
  .regex(/^[A-Za-z0-9-\s]+$/, 'A recovery code has letters, digits and dashes only.');

export const settingsPatch = z.strictObject({
  autoLockMinutes: z
    .number({ error: 'Auto-lock must be a whole number of minutes.' })
    .int('Auto-lock must be a whole number of minutes.')
    .min(1, 'Auto-lock must be 1–240 minutes.')
    .max(240, 'Auto-lock must be 1–240 minutes.')
    .optional(),
  clipboardClearSeconds: z
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 5 && n <= 300), 'Clipboard clear must be 0 (never) or 5–300 seconds.')
    .optional(),
});

export const auditQuery = z.strictObject({
  keyId: z.uuid().optional(),
  event: z.enum(AUDIT_EVENTS).optional(),
  limit: z.number().int().min(1, 'Limit must be 1–10,000.').max(10_000, 'Limit must be 1–10,000.').optional(),
});

/** Batch operations (run, inject, export, import) take at most this many keys or entries at once. */
export const BATCH_MAX = 10_000;
/** The values of one import together: enough for any real .env file, bounded for a hostile caller. */
const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

const keyRefs = z.array(keyRef).min(1, 'Select at least one key.').max(BATCH_MAX, `At most ${BATCH_MAX} keys at once.`);

export const findKeysArgs = z.strictObject({ keys: z.array(keyRef).max(BATCH_MAX, `At most ${BATCH_MAX} keys at once.`) });

export const readSecretsArgs = z.strictObject({
  keys: keyRefs,
  /** What the values are for; decides the audit entry (`run`, or `export` with format "template"). */
  purpose: z.enum(['run', 'inject']),
  /** For `run`: the program's file name only, never its arguments. */
  command: z.string().trim().min(1).max(255).optional(),
});

export const importEntry = z.strictObject({
  name: keyName,
  secret: secretValue,
  envVar: envVar.nullable(),
  provider: z.string().trim().max(LIMITS.providerMax).nullable().optional(),
  tags: z.array(tagName).max(LIMITS.tagsPerKey).optional(),
});

export const importKeysArgs = z.strictObject({
  entries: z
    .array(importEntry)
    .min(1, 'Nothing to import.')
    .max(BATCH_MAX, `At most ${BATCH_MAX} entries at once.`)
    .refine((entries) => entries.reduce((sum, e) => sum + e.secret.length, 0) <= IMPORT_MAX_BYTES, 'The values together are larger than 32 MiB.'),
  onConflict: z.enum(['skip', 'replace']).optional(),
  dryRun: z.boolean().optional(),
});

export const exportKeysArgs = z.strictObject({
  keys: keyRefs,
  format: z.enum(EXPORT_FORMATS),
  /** metadata.name of the Kubernetes Secret (format k8s). */
  name: z
    .string()
    .regex(K8S_NAME_PATTERN, 'A Kubernetes Secret name uses lower-case letters, digits, "-" and "." (at most 253).')
    .optional(),
});

export type ImportEntry = z.infer<typeof importEntry>;

/** A backup passphrase. Messages never quote it, like every other message here. */
const passphrase = z
  .string()
  .min(1, 'The passphrase cannot be empty.')
  .max(PASSPHRASE_MAX_CHARS, `The passphrase must be at most ${PASSPHRASE_MAX_CHARS} characters.`);

export const createBackupArgs = z.strictObject({
  passphrase: passphrase.refine(
    (p) => passphraseLength(p) >= PASSPHRASE_MIN_CHARS,
    `The passphrase must be at least ${PASSPHRASE_MIN_CHARS} characters.`,
  ),
});

export const restoreBackupArgs = z.strictObject({
  /** The backup file's text. */
  content: z.string().min(1, 'The backup is empty.').max(BACKUP_MAX_CHARS, `A backup must be at most ${BACKUP_MAX_CHARS / 1024 / 1024} MiB.`),
  passphrase,
  onConflict: z.enum(RESTORE_CONFLICT_ACTIONS).optional(),
  settings: z.boolean().optional(),
  dryRun: z.boolean().optional(),
});

export const checkDriftArgs = z.strictObject({
  /** Check the keychain now, rather than take the check that an unlock started in the background. */
  refresh: z.boolean().optional(),
});

/** A key's head entry in the keychain, as checkDrift lists orphaned values. */
const keyAccount = z
  .string()
  .max(4 + 36)
  .refine((a) => a.startsWith('key:') && z.uuid().safeParse(a.slice(4)).success, 'An orphaned value is named by its keychain account, key:<id>.');

/** The repairs of drift; each names exactly what to repair (from a checkDrift report), never "everything". */
export const repairDriftArgs = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('adoptOrphans'),
    accounts: z.array(keyAccount).min(1, 'Name at least one account.').max(BATCH_MAX, `At most ${BATCH_MAX} at once.`),
  }),
  z.strictObject({
    action: z.literal('forgetMissing'),
    ids: z.array(z.uuid()).min(1, 'Name at least one key.').max(BATCH_MAX, `At most ${BATCH_MAX} at once.`),
  }),
]);

export const empty = z.strictObject({});
