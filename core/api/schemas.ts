import * as z from '../zod';
import { ENV_VAR_PATTERN, LIMITS } from '../keys/key-record';
import { isReadableLabel, unreadableLabelMessage } from '../keys/label-text';
import { MAX_SECRET_BYTES } from '../keychain/keychain';
import { AUDIT_EVENTS } from '../audit/audit-events';
import { EXPORT_FORMATS, K8S_NAME_PATTERN } from '../env/export-options';
import {
  BACKUP_MAX_CHARS,
  PASSPHRASE_MAX_CHARS,
  PASSPHRASE_MIN_CHARS,
  RESTORE_CONFLICT_ACTIONS,
  passphraseLength,
} from '../backup/backup-limits';

/**
 * Argument schemas for the contract. Every object is strict (unknown fields are refused) and every
 * string and array has a maximum, so a hostile caller cannot make main allocate without bound.
 * Messages name the field and the limit, never the received value.
 */

/** Names and tags are trimmed, stored in NFC and refused with invisible characters: see core/keys/label-text. */
export const keyName = z.lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.normalize('NFC'),
      z.minLength(1, 'Name is required.'),
      z.maxLength(LIMITS.nameMax, `Name must be at most ${LIMITS.nameMax} characters.`),
      z.refine(isReadableLabel, unreadableLabelMessage('A name')),
    ),
);

export const envVar = z.lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(LIMITS.envVarMax),
      z.regex(ENV_VAR_PATTERN, 'Environment variable must start with a letter or _ and contain only letters, digits and _.'),
    ),
);

export const tagName = z.lazySchema(() =>
  z.string().check(
    z.trim(),
    z.normalize('NFC'),
    z.minLength(1, 'A tag cannot be empty.'),
    z.maxLength(LIMITS.tagMax, `A tag must be at most ${LIMITS.tagMax} characters.`),
    z.refine((t) => !t.includes(','), 'A tag cannot contain a comma.'),
    z.refine(isReadableLabel, unreadableLabelMessage('A tag')),
  ),
);

const utf8 = new TextEncoder();

/**
 * A secret value. Size is checked in UTF-8 bytes because that is what the keychain stores.
 * (TextEncoder rather than Buffer: these schemas are bundled into the preload and the host page.)
 */
export const secretValue = z.lazySchema(() =>
  z.string().check(
    z.maxLength(MAX_SECRET_BYTES),
    z.refine((v) => v.length > 0, 'The secret cannot be empty.'),
    z.refine((v) => utf8.encode(v).length <= MAX_SECRET_BYTES, 'The secret is larger than 64 KiB.'),
  ),
);

const isoDate = z.lazySchema(() =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'Use a date like 2027-01-31 (or a full ISO 8601 time).',
  }),
);

export const keyRef = z.lazySchema(() => z.union([z.strictObject({ id: z.uuid() }), z.strictObject({ name: keyName() })]));

/** One key, by id or name: the arguments of every single-key operation. */
export const keyArgs = z.lazySchema(() => z.strictObject({ key: keyRef() }));

const provider = z.lazySchema(() => z.nullable(z.string().check(z.trim(), z.maxLength(LIMITS.providerMax))));

const editableFields = z.lazySchema(() =>
  z.strictObject({
    envVar: z.nullable(envVar()),
    provider: provider(),
    tags: z.array(tagName()).check(z.maxLength(LIMITS.tagsPerKey)),
    notes: z.string().check(z.maxLength(LIMITS.notesMax)),
    scopes: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.scopeMax))).check(z.maxLength(LIMITS.scopesPerKey)),
    url: z.nullable(z.url({ protocol: /^https?$/, error: 'Console URL must be an http(s) address.' }).check(z.maxLength(LIMITS.urlMax))),
    rotateEveryDays: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.rotateEveryDaysMax))),
    expiresAt: z.nullable(isoDate()),
  }),
);

const editableFieldsPatch = z.lazySchema(() => z.partial(editableFields()));

export const createKeyArgs = z.lazySchema(() => z.extend(editableFieldsPatch(), { name: keyName(), secret: secretValue() }));
export const updateKeyArgs = z.lazySchema(() => z.extend(editableFieldsPatch(), { key: keyRef(), name: z.optional(keyName()) }));

export type KeyRef = z.infer<ReturnType<typeof keyRef>>;
export type EditableKeyFields = z.infer<ReturnType<typeof editableFieldsPatch>>;
export type CreateKeyArgs = z.infer<ReturnType<typeof createKeyArgs>>;
export type UpdateKeyArgs = z.infer<ReturnType<typeof updateKeyArgs>>;

export const listKeysArgs = z.lazySchema(() =>
  z.strictObject({
    query: z.optional(z.string().check(z.maxLength(200, 'Search text must be at most 200 characters.'))),
    tags: z.optional(z.array(tagName()).check(z.maxLength(20))),
    filter: z.optional(z.enum(['rotationDue', 'expiringSoon', 'unused'])),
    sort: z.optional(z.enum(['name', 'lastUsed', 'created'])),
    /** At most this many keys, from the top of the order: the first screenful, sent before the rest. */
    limit: z.optional(z.number().check(z.int('Limit must be a whole number.'), z.minimum(1, 'Limit must be 1–100,000.'), z.maximum(100_000, 'Limit must be 1–100,000.'))),
  }),
);

export const totpCode = z.lazySchema(() => z.string().check(z.trim(), z.regex(/^\d{6}$/, 'An authenticator code is 6 digits.')));
export const totpCodeArgs = z.lazySchema(() => z.strictObject({ code: totpCode() }));

export const recoveryCode = z.lazySchema(() =>
  z
    .string()
    .check(z.trim(), z.minLength(8), z.maxLength(40), z.regex(/^[A-Za-z0-9-\s]+$/, 'A recovery code has letters, digits and dashes only.')),
);

export const settingsPatch = z.lazySchema(() =>
  z.strictObject({
    autoLockMinutes: z.optional(
      z
        .number({ error: 'Auto-lock must be a whole number of minutes.' })
        .check(
          z.int('Auto-lock must be a whole number of minutes.'),
          z.minimum(1, 'Auto-lock must be 1–240 minutes.'),
          z.maximum(240, 'Auto-lock must be 1–240 minutes.'),
        ),
    ),
    clipboardClearSeconds: z.optional(
      z.number().check(
        z.int(),
        z.refine((n) => n === 0 || (n >= 5 && n <= 300), 'Clipboard clear must be 0 (never) or 5–300 seconds.'),
      ),
    ),
  }),
);

export const auditQuery = z.lazySchema(() =>
  z.strictObject({
    keyId: z.optional(z.uuid()),
    event: z.optional(z.enum(AUDIT_EVENTS)),
    limit: z.optional(z.number().check(z.int(), z.minimum(1, 'Limit must be 1–10,000.'), z.maximum(10_000, 'Limit must be 1–10,000.'))),
  }),
);

/** Batch operations (run, inject, export, import) take at most this many keys or entries at once. */
export const BATCH_MAX = 10_000;
/** The values of one import together: enough for any real .env file, bounded for a hostile caller. */
const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

const keyRefs = z.lazySchema(() =>
  z.array(keyRef()).check(z.minLength(1, 'Select at least one key.'), z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} keys at once.`)),
);

export const findKeysArgs = z.lazySchema(() =>
  z.strictObject({
    keys: z.array(keyRef()).check(z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} keys at once.`)),
  }),
);

export const readSecretsArgs = z.lazySchema(() =>
  z.strictObject({
    keys: keyRefs(),
    /** What the values are for; decides the audit entry (`run`, or `export` with format "template"). */
    purpose: z.enum(['run', 'inject']),
    /** For `run`: the program's file name only, never its arguments. */
    command: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(255))),
  }),
);

/** Values a scan found, to learn which the vault already stores (`keystash scan --import`). */
export const findStoredValuesArgs = z.lazySchema(() =>
  z.strictObject({
    values: z
      .array(z.strictObject({ provider: provider(), envVar: envVar(), secret: secretValue() }))
      .check(z.minLength(1, 'Name at least one value.'), z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} values at once.`)),
  }),
);

export const importEntry = z.lazySchema(() =>
  z.strictObject({
    name: keyName(),
    secret: secretValue(),
    envVar: z.nullable(envVar()),
    provider: z.optional(provider()),
    tags: z.optional(z.array(tagName()).check(z.maxLength(LIMITS.tagsPerKey))),
    notes: z.optional(z.string().check(z.maxLength(LIMITS.notesMax))),
  }),
);

export const importKeysArgs = z.lazySchema(() =>
  z.strictObject({
    entries: z.array(importEntry()).check(
      z.minLength(1, 'Nothing to import.'),
      z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} entries at once.`),
      z.refine(
        (entries) => entries.reduce((sum, e) => sum + e.secret.length, 0) <= IMPORT_MAX_BYTES,
        'The values together are larger than 32 MiB.',
      ),
    ),
    onConflict: z.optional(z.enum(['skip', 'replace'])),
    dryRun: z.optional(z.boolean()),
  }),
);

export const exportKeysArgs = z.lazySchema(() =>
  z.strictObject({
    keys: keyRefs(),
    format: z.enum(EXPORT_FORMATS),
    /** metadata.name of the Kubernetes Secret (format k8s). */
    name: z.optional(
      z.string().check(z.regex(K8S_NAME_PATTERN, 'A Kubernetes Secret name uses lower-case letters, digits, "-" and "." (at most 253).')),
    ),
  }),
);

export type ImportEntry = z.infer<ReturnType<typeof importEntry>>;

/** A backup passphrase. Messages never quote it, like every other message here. */
const passphrase = z.lazySchema(() =>
  z
    .string()
    .check(
      z.minLength(1, 'The passphrase cannot be empty.'),
      z.maxLength(PASSPHRASE_MAX_CHARS, `The passphrase must be at most ${PASSPHRASE_MAX_CHARS} characters.`),
    ),
);

export const createBackupArgs = z.lazySchema(() =>
  z.strictObject({
    passphrase: passphrase().check(
      z.refine((p) => passphraseLength(p) >= PASSPHRASE_MIN_CHARS, `The passphrase must be at least ${PASSPHRASE_MIN_CHARS} characters.`),
    ),
  }),
);

export const restoreBackupArgs = z.lazySchema(() =>
  z.strictObject({
    /** The backup file's text. */
    content: z
      .string()
      .check(
        z.minLength(1, 'The backup is empty.'),
        z.maxLength(BACKUP_MAX_CHARS, `A backup must be at most ${BACKUP_MAX_CHARS / 1024 / 1024} MiB.`),
      ),
    passphrase: passphrase(),
    onConflict: z.optional(z.enum(RESTORE_CONFLICT_ACTIONS)),
    settings: z.optional(z.boolean()),
    dryRun: z.optional(z.boolean()),
  }),
);

export const checkDriftArgs = z.lazySchema(() =>
  z.strictObject({
    /** Check the keychain now, rather than take the check that an unlock started in the background. */
    refresh: z.optional(z.boolean()),
  }),
);

/** A key's head entry in the keychain, as checkDrift lists orphaned values. */
const keyAccount = z.lazySchema(() =>
  z.string().check(
    z.maxLength(4 + 36),
    z.refine(
      (a) => a.startsWith('key:') && z.uuid().safeParse(a.slice(4)).success,
      'An orphaned value is named by its keychain account, key:<id>.',
    ),
  ),
);

/** The repairs of drift; each names exactly what to repair (from a checkDrift report), never "everything". */
export const repairDriftArgs = z.lazySchema(() =>
  z.discriminatedUnion('action', [
    z.strictObject({
      action: z.literal('adoptOrphans'),
      accounts: z
        .array(keyAccount())
        .check(z.minLength(1, 'Name at least one account.'), z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} at once.`)),
    }),
    z.strictObject({
      action: z.literal('forgetMissing'),
      ids: z.array(z.uuid()).check(z.minLength(1, 'Name at least one key.'), z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} at once.`)),
    }),
  ]),
);

export const empty = z.lazySchema(() => z.strictObject({}));

/**
 * A path typed in the window. Accepted only by a host whose FileChooser takes typed paths (the
 * browser host); the app refuses any path from the window and asks its native dialog.
 */
const typedPath = z.lazySchema(() =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'Type a path.'),
    z.maxLength(4096, 'A path must be at most 4096 characters.'),
    z.refine((p) => !p.includes('\0'), 'A path cannot contain a NUL character.'),
  ),
);

/** A .env file's text, from the browser host's file input; 1 MiB is far beyond any real one. */
export const ENV_FILE_MAX_CHARS = 1024 * 1024;

export const stageEnvImportArgs = z.lazySchema(() =>
  z.strictObject({
    /** Browser host only: the file the user picked in a file input. */
    file: z.optional(
      z.strictObject({
        name: z.string().check(z.maxLength(255, 'A file name must be at most 255 characters.')),
        text: z.string().check(z.maxLength(ENV_FILE_MAX_CHARS, 'A .env file must be at most 1 MiB.')),
      }),
    ),
  }),
);

const stagingId = z.lazySchema(() => z.uuid({ error: 'The preview has expired; open the file again.' }));

export const commitEnvImportArgs = z.lazySchema(() =>
  z.strictObject({
    stagingId: stagingId(),
    /** The rows to import, with the user's name and tags for each and what to do on a name conflict. */
    rows: z
      .array(
        z.strictObject({
          row: z.number().check(z.int(), z.minimum(0), z.maximum(BATCH_MAX)),
          name: keyName(),
          tags: z.array(tagName()).check(z.maxLength(LIMITS.tagsPerKey)),
          onConflict: z.enum(['skip', 'replace']),
        }),
      )
      .check(z.minLength(1, 'Select at least one row to import.'), z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} entries at once.`)),
  }),
);

export const chooseExportFileArgs = z.lazySchema(() =>
  z.strictObject({
    format: z.enum(EXPORT_FORMATS),
    /** Browser host only: the path typed in the window. */
    path: z.optional(typedPath()),
  }),
);

export const exportToFileArgs = z.lazySchema(() =>
  z.strictObject({
    targetId: stagingId(),
    keys: keyRefs(),
    format: z.enum(EXPORT_FORMATS),
    name: exportKeysArgs().shape.name,
    /** The user saw that git does not ignore the file and chose Save anyway. */
    allowTracked: z.optional(z.boolean()),
    /** The user saw that the file exists and chose to replace it. */
    overwrite: z.optional(z.boolean()),
  }),
);

export const scanFolderArgs = z.lazySchema(() =>
  z.strictObject({
    /** Browser host only: the folder typed in the window. */
    path: z.optional(typedPath()),
  }),
);

export const importScanFindingsArgs = z.lazySchema(() =>
  z.strictObject({
    stagingId: stagingId(),
    fingerprints: z
      .array(z.string().check(z.regex(/^[0-9a-f]{16}$/, 'A finding is named by its 16-character fingerprint.')))
      .check(z.minLength(1, 'Select at least one finding.'), z.maxLength(BATCH_MAX, `At most ${BATCH_MAX} at once.`)),
    tags: z.optional(z.array(tagName()).check(z.maxLength(LIMITS.tagsPerKey))),
  }),
);
