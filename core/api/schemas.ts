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

/** Values a scan found, to learn which the vault already stores (`keystash scan --import`). */
export const findStoredValuesArgs = z.strictObject({
  values: z
    .array(z.strictObject({ provider: z.string().trim().max(LIMITS.providerMax).nullable(), envVar, secret: secretValue }))
    .min(1, 'Name at least one value.')
    .max(BATCH_MAX, `At most ${BATCH_MAX} values at once.`),
});

export const importEntry = z.strictObject({
  name: keyName,
  secret: secretValue,
  envVar: envVar.nullable(),
  provider: z.string().trim().max(LIMITS.providerMax).nullable().optional(),
  tags: z.array(tagName).max(LIMITS.tagsPerKey).optional(),
  notes: z.string().max(LIMITS.notesMax).optional(),
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

/**
 * A path typed in the window. Accepted only by a host whose FileChooser takes typed paths (the
 * browser host); the app refuses any path from the window and asks its native dialog.
 */
const typedPath = z
  .string()
  .trim()
  .min(1, 'Type a path.')
  .max(4096, 'A path must be at most 4096 characters.')
  .refine((p) => !p.includes('\0'), 'A path cannot contain a NUL character.');

/** A .env file's text, from the browser host's file input; 1 MiB is far beyond any real one. */
export const ENV_FILE_MAX_CHARS = 1024 * 1024;

export const stageEnvImportArgs = z.strictObject({
  /** Browser host only: the file the user picked in a file input. */
  file: z
    .strictObject({
      name: z.string().max(255, 'A file name must be at most 255 characters.'),
      text: z.string().max(ENV_FILE_MAX_CHARS, 'A .env file must be at most 1 MiB.'),
    })
    .optional(),
});

const stagingId = z.uuid({ error: 'The preview has expired; open the file again.' });

export const commitEnvImportArgs = z.strictObject({
  stagingId,
  /** The rows to import, with the user's name and tags for each and what to do on a name conflict. */
  rows: z
    .array(
      z.strictObject({
        row: z.number().int().min(0).max(BATCH_MAX),
        name: keyName,
        tags: z.array(tagName).max(LIMITS.tagsPerKey),
        onConflict: z.enum(['skip', 'replace']),
      }),
    )
    .min(1, 'Select at least one row to import.')
    .max(BATCH_MAX, `At most ${BATCH_MAX} entries at once.`),
});

export const chooseExportFileArgs = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  /** Browser host only: the path typed in the window. */
  path: typedPath.optional(),
});

export const exportToFileArgs = z.strictObject({
  targetId: stagingId,
  keys: keyRefs,
  format: z.enum(EXPORT_FORMATS),
  name: exportKeysArgs.shape.name,
  /** The user saw that git does not ignore the file and chose Save anyway. */
  allowTracked: z.boolean().optional(),
  /** The user saw that the file exists and chose to replace it. */
  overwrite: z.boolean().optional(),
});

export const scanFolderArgs = z.strictObject({
  /** Browser host only: the folder typed in the window. */
  path: typedPath.optional(),
});

export const importScanFindingsArgs = z.strictObject({
  stagingId,
  fingerprints: z
    .array(z.string().regex(/^[0-9a-f]{16}$/, 'A finding is named by its 16-character fingerprint.'))
    .min(1, 'Select at least one finding.')
    .max(BATCH_MAX, `At most ${BATCH_MAX} at once.`),
  tags: z.array(tagName).max(LIMITS.tagsPerKey).optional(),
});
