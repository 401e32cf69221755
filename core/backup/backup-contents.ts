import * as z from '../zod';
import type { Settings } from '../api/results';
import { envVar, keyName, secretValue, tagName } from '../api/schemas';
import { quoteForMessage, VaultError } from '../errors';
import { indexDataSchema } from '../index/index-schema';
import { keyRecordSchema, LIMITS, type KeyRecord } from '../keys/key-record';
import { nameKey } from '../keys/label-text';

/** What a backup holds once decrypted: every key's fields with its value, and the settings. */
export interface BackupContents {
  keys: BackupKey[];
  settings: Settings;
}

export type BackupKey = KeyRecord & { value: string };

/**
 * A backup's key must pass the rules the contract applies to a key created by hand: a backup file
 * edited by hand (or by a hostile sender) must not restore a name with a bidi override or an
 * invalid envVar that the window and CLI would then refuse to edit.
 */
const contentsSchema = z.lazySchema(() =>
  z.strictObject({
    keys: z.array(
      z.extend(keyRecordSchema(), {
        name: keyName(),
        envVar: z.nullable(envVar()),
        tags: z.array(tagName()).check(z.maxLength(LIMITS.tagsPerKey)),
        value: secretValue(),
      }),
    ),
    settings: indexDataSchema().shape.settings,
  }),
);


export function serialiseContents(contents: BackupContents): Buffer {
  return Buffer.from(JSON.stringify(contents), 'utf8');
}

/**
 * The decrypted JSON, checked as strictly as the index itself: a backup passes the same rules as
 * the keys it restores, and names and ids are unique in it, as they are in a vault.
 */
export function parseContents(plaintext: Buffer): BackupContents {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw invalid('its contents are not JSON text');
  }
  const parsed = contentsSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'the contents';
    // Custom messages are the contract's own sentences (they never quote the value); zod's generic
    // ones are replaced by a plain one.
    const why = issue?.code === 'custom' ? `is refused (${issue.message})` : 'does not match the expected structure';
    throw invalid(`${where} ${why}`);
  }
  const keys = parsed.data.keys.map((k) => ({ ...k, name: k.name.trim() }));
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const key of keys) {
    if (key.name === '') throw invalid('a key has an empty name');
    if (names.has(nameKey(key.name))) throw invalid(`the name ${quoteForMessage(key.name)} appears twice`);
    if (ids.has(key.id)) throw invalid(`the id ${key.id} appears twice`);
    // Refused here, before any write, rather than by the keychain halfway through the restore.
    if (!storableInKeychain(key.value)) throw invalid(`the value of ${quoteForMessage(key.name)} holds a NUL character or broken Unicode, which no keychain stores`);
    names.add(nameKey(key.name));
    ids.add(key.id);
  }
  return { keys, settings: parsed.data.settings };
}

const invalid = (why: string) =>
  new VaultError('INVALID_ARGUMENT', `The backup was decrypted, but ${why}, so it cannot be restored. Nothing was changed.`);

/** What the keychain adapter refuses: a NUL (libsecret stores C strings) or a lone surrogate. */
const storableInKeychain = (value: string) => !value.includes('\0') && !/\p{Surrogate}/u.test(value);
