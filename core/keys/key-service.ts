import { randomUUID } from 'node:crypto';
import type { CreateKeyArgs, EditableKeyFields, ImportEntry, KeyRef, UpdateKeyArgs } from '../api/schemas';
import { VaultError } from '../errors';
import type { IndexData } from '../index/index-schema';
import type { IndexStore } from '../index/index-store';
import type { Keychain } from '../keychain/keychain';
import { normaliseTags, tagKey } from '../tags/tag-rules';
import { newKeyRecord, type KeyRecord } from './key-record';
import { nameKey } from './label-text';

export const secretAccount = (id: string) => `key:${id}`;

export interface ImportOutcome {
  name: string;
  status: 'created' | 'replaced' | 'skipped' | 'failed';
  /** The key that was created or replaced, or the existing key a skip refers to. */
  id: string | null;
  reason: string | null;
}

export interface ImportOptions {
  /** An entry whose name is taken: leave the key alone, or store the new value as a rotation; per entry when a function. */
  onConflict: 'skip' | 'replace' | ((entry: ImportEntry) => 'skip' | 'replace');
  dryRun: boolean;
  /** After each keychain write: how many of the planned writes are done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Keys: the record in the index and the value in the keychain, kept in step. The keychain is
 * written first on create (and rolled back if the index write fails) so the index never names a
 * key whose value does not exist.
 */
export class KeyService {
  constructor(
    private readonly index: IndexStore,
    private readonly keychain: Keychain,
    private readonly now: () => number,
  ) {}

  async all(): Promise<readonly KeyRecord[]> {
    return (await this.index.read()).keys;
  }

  async find(ref: KeyRef): Promise<KeyRecord> {
    return findIn(await this.index.read(), ref);
  }

  async create(args: CreateKeyArgs): Promise<KeyRecord> {
    assertNameFree(await this.index.read(), args.name);
    const id = randomUUID();
    const stamp = new Date(this.now()).toISOString();
    await this.keychain.set(secretAccount(id), args.secret, { fresh: true });
    try {
      return await this.index.update((data) => {
        assertNameFree(data, args.name);
        const record = newKeyRecord(id, args.name.trim(), stamp);
        applyFields(record, args, data);
        // Only `keystash doctor` can have put this id here: it adopted this very value as an orphan
        // while this create waited for the lock. The real entry takes its place.
        data.keys = data.keys.filter((k) => k.id !== id);
        data.keys.push(record);
        return record;
      });
    } catch (error) {
      await this.keychain.delete(secretAccount(id)).catch(() => undefined);
      throw error;
    }
  }

  async update(args: UpdateKeyArgs): Promise<KeyRecord> {
    return this.index.update((data) => {
      const record = findIn(data, args.key);
      if (args.name !== undefined) {
        // Changing only the case of a name is allowed; taking another key's name is not.
        if (nameKey(args.name) !== nameKey(record.name)) assertNameFree(data, args.name);
        record.name = args.name.trim();
      }
      applyFields(record, args, data);
      record.updatedAt = new Date(this.now()).toISOString();
      return record;
    });
  }

  /** Rotation: the new value replaces the old in the keychain, and rotatedAt records when. */
  async rotate(ref: KeyRef, secret: string): Promise<KeyRecord> {
    const record = await this.find(ref);
    await this.keychain.set(secretAccount(record.id), secret);
    return this.index.update((data) => {
      const current = findIn(data, { id: record.id });
      const stamp = new Date(this.now()).toISOString();
      current.rotatedAt = stamp;
      current.updatedAt = stamp;
      return current;
    });
  }

  /**
   * The index entry goes first: a crash in between leaves an orphaned value (which `keystash doctor`
   * finds), never a dangling name. When the keychain refuses the delete (gone, locked), the entry is
   * put back, so a failed delete leaves the key as it was.
   */
  async delete(ref: KeyRef): Promise<KeyRecord> {
    const removed = await this.index.update((data) => {
      const record = findIn(data, ref);
      data.keys = data.keys.filter((k) => k.id !== record.id);
      return record;
    });
    try {
      await this.keychain.delete(secretAccount(removed.id));
    } catch (error) {
      await this.index
        .update((data) => {
          const taken = data.keys.some((k) => k.id === removed.id || nameKey(k.name) === nameKey(removed.name));
          if (!taken) data.keys.push(removed);
        })
        .catch(() => undefined);
      throw error;
    }
    return removed;
  }

  /** A key's value, or null when the keychain has none; for comparing, so it is not a use. */
  async peekValue(id: string): Promise<string | null> {
    return this.keychain.get(secretAccount(id));
  }

  async readValue(ref: KeyRef): Promise<{ record: KeyRecord; value: string }> {
    return this.readValueOf(await this.find(ref));
  }

  /**
   * The value of a record the caller found already. Many reads at once (run, export) take their
   * records from one index read: finding each again costs a stat per key, which waits in libuv's
   * thread pool behind the keychain reads it runs alongside.
   */
  async readValueOf(record: KeyRecord): Promise<{ record: KeyRecord; value: string }> {
    const value = await this.keychain.get(secretAccount(record.id));
    if (value === null) {
      throw new VaultError(
        'NOT_FOUND',
        `The value of "${record.name}" is missing from the keychain (service "${this.keychain.service}", account "${secretAccount(record.id)}"). Rotate the key to store a new value.`,
      );
    }
    return { record, value };
  }

  /**
   * Many keys at once, for .env import: values go to the keychain one after another, then ONE
   * index write under the lock records them all. If a keychain write or the index write fails,
   * every value written so far is put back as it was (new ones deleted, replaced ones restored),
   * so the vault never names a key whose value is missing, nor keeps half an import.
   * A replaced key keeps its fields: its value is rotated, tags are merged, and envVar and provider
   * are filled only where empty.
   */
  async importMany(entries: readonly ImportEntry[], options: ImportOptions): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = [];
    const plan: { entry: ImportEntry; outcome: ImportOutcome; previous?: string | null }[] = [];
    const existing = new Map((await this.index.read()).keys.map((k) => [nameKey(k.name), k]));
    const batch = new Set<string>();
    for (const entry of entries) {
      const key = nameKey(entry.name);
      const taken = existing.get(key);
      const outcome: ImportOutcome = { name: entry.name.trim(), status: 'created', id: randomUUID(), reason: null };
      if (batch.has(key)) Object.assign(outcome, { status: 'failed', id: null, reason: 'the same name appears earlier in this import (names ignore case)' });
      else if (taken && conflictAction(options, entry) === 'skip') Object.assign(outcome, { status: 'skipped', id: taken.id, reason: `a key named "${taken.name}" already exists` });
      else if (taken) Object.assign(outcome, { status: 'replaced', id: taken.id });
      batch.add(key);
      outcomes.push(outcome);
      if (outcome.status === 'created' || outcome.status === 'replaced') plan.push({ entry, outcome });
    }
    if (options.dryRun || plan.length === 0) return outcomes;

    // `stored` once the keychain confirmed the write; one it refused may still have left chunk parts.
    const written: { account: string; previous: string | null; stored: boolean }[] = [];
    try {
      for (const [done, step] of plan.entries()) {
        const account = secretAccount(step.outcome.id!);
        const previous = step.outcome.status === 'replaced' ? await this.keychain.get(account) : null;
        if (previous !== null && previous === step.entry.secret) {
          Object.assign(step.outcome, { status: 'skipped', reason: 'the vault already holds this value' });
        } else {
          written.push({ account, previous, stored: false });
          try {
            await this.keychain.set(account, step.entry.secret, { fresh: step.outcome.status === 'created' });
            written.at(-1)!.stored = true;
          } catch (error) {
            // A value this keychain refuses (a NUL byte) fails its entry; anything else stops the import.
            if (!(error instanceof VaultError && error.code === 'INVALID_ARGUMENT')) throw error;
            written.pop();
            Object.assign(step.outcome, { status: 'failed', id: null, reason: error.message });
          }
        }
        options.onProgress?.(done + 1, plan.length);
      }
      await this.index.update((data) => this.recordImport(data, plan));
    } catch (error) {
      const notUndone = { added: 0, replaced: 0 };
      for (const { account, previous, stored } of written.reverse()) {
        await (previous === null ? this.keychain.delete(account) : this.keychain.set(account, previous)).catch(() => {
          if (stored) notUndone[previous === null ? 'added' : 'replaced']++;
        });
      }
      throw withUndoFailure(error, notUndone);
    }
    // Entries another process got to first while the values were being written: their values go.
    for (const { outcome } of plan) {
      if (outcome.status === 'failed' && outcome.id) {
        await this.keychain.delete(secretAccount(outcome.id)).catch(() => undefined);
        outcome.id = null;
      }
    }
    return outcomes;
  }

  /** The index half of importMany, run under the lock on a fresh copy of the index. */
  private recordImport(data: IndexData, plan: readonly { entry: ImportEntry; outcome: ImportOutcome }[]): void {
    const now = this.now();
    const stamp = new Date(now).toISOString();
    // The keys one import creates get creation times a millisecond apart, in the file's order, the
    // last one now: "created" order then lists them as the file does, and sorting by it needs no
    // tie-break by name (which starts ICU's collator: 6-14 ms of a `keystash run --tag`).
    let createdBefore = plan.filter(({ outcome }) => outcome.status === 'created').length;
    const nextCreatedStamp = () => new Date(now - --createdBefore).toISOString();
    const byName = new Map(data.keys.map((k) => [nameKey(k.name), k]));
    const byId = new Map(data.keys.map((k) => [k.id, k]));
    // Known tag spellings, kept as the batch adds new ones: the first spelling in the vault wins.
    const knownTags = new Map(data.keys.flatMap((k) => k.tags).map((t) => [tagKey(t), t]));
    const tagsFor = (tags: readonly string[]) => {
      const normalised = normaliseTags(tags, knownTags.values());
      for (const t of normalised) if (!knownTags.has(tagKey(t))) knownTags.set(tagKey(t), t);
      return normalised;
    };
    for (const { entry, outcome } of plan) {
      if (outcome.status === 'created') {
        if (byName.has(nameKey(entry.name))) {
          Object.assign(outcome, { status: 'failed', reason: 'another Keystash process created a key with this name meanwhile' });
          continue;
        }
        const record = newKeyRecord(outcome.id!, outcome.name, nextCreatedStamp());
        record.envVar = entry.envVar || null;
        record.provider = entry.provider || null;
        record.tags = tagsFor(entry.tags ?? []);
        record.notes = entry.notes ?? '';
        data.keys.push(record);
        byName.set(nameKey(record.name), record);
      } else if (outcome.status === 'replaced' || outcome.status === 'skipped') {
        const current = byId.get(outcome.id!);
        if (!current) {
          Object.assign(outcome, { status: 'failed', reason: 'the key was deleted by another Keystash process meanwhile' });
          continue;
        }
        if (outcome.status === 'skipped') continue;
        current.envVar ??= entry.envVar || null;
        current.provider ??= entry.provider || null;
        current.tags = tagsFor([...current.tags, ...(entry.tags ?? [])]);
        current.rotatedAt = stamp;
        current.updatedAt = stamp;
      }
    }
  }

  /** Sets lastUsedAt; true when that rewrote the index. */
  async markUsed(ids: readonly string[]): Promise<boolean> {
    const now = this.now();
    // Skips the index rewrite (lock, encrypt, fsync) when every key was marked moments ago: a script
    // calling `keystash get` in a loop would otherwise pay for one on every call.
    const recent = (stamp: string | null) => stamp !== null && Math.abs(now - Date.parse(stamp)) < USE_STAMP_SLACK_MS;
    if ((await this.index.read()).keys.every((key) => !ids.includes(key.id) || recent(key.lastUsedAt))) return false;
    const stamp = new Date(now).toISOString();
    await this.index.update((data) => {
      for (const key of data.keys) if (ids.includes(key.id)) key.lastUsedAt = stamp;
    });
    return true;
  }
}

/** lastUsedAt is shown to the minute ("used 3 min ago"): a use this close to the recorded one is not written. */
const USE_STAMP_SLACK_MS = 30_000;

/**
 * The keychain failed in the middle of an import and then also refused to undo the writes already
 * made (it is gone or locked): the index was not changed, but the keychain keeps those values.
 * The message says so, in counts (never names or values).
 */
function withUndoFailure(error: unknown, notUndone: { added: number; replaced: number }): unknown {
  if (!(error instanceof VaultError) || notUndone.added + notUndone.replaced === 0) return error;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [`${error.message} The import was not recorded.`];
  if (notUndone.added > 0) {
    parts.push(
      `${plural(notUndone.added, 'new value stays', 'new values stay')} in the keychain without a key; once it works again, \`keystash doctor\` lists them.`,
    );
  }
  if (notUndone.replaced > 0) {
    parts.push(`${plural(notUndone.replaced, 'existing key keeps', 'existing keys keep')} the imported value: the keychain refused to put the old one back.`);
  }
  return new VaultError(error.code, parts.join(' '), error.field === undefined ? undefined : { field: error.field });
}

export function findIn(data: IndexData, ref: KeyRef): KeyRecord {
  const record =
    'id' in ref ? data.keys.find((k) => k.id === ref.id) : data.keys.find((k) => nameKey(k.name) === nameKey(ref.name));
  if (!record) {
    const what = 'id' in ref ? `with id ${ref.id}` : `named "${ref.name}"`;
    throw new VaultError('NOT_FOUND', `There is no key ${what}. List keys with \`keystash list\`.`);
  }
  return record;
}

function assertNameFree(data: IndexData, name: string): void {
  const taken = data.keys.find((k) => nameKey(k.name) === nameKey(name));
  if (taken) {
    throw new VaultError('CONFLICT', `A key named "${taken.name}" already exists. Choose another name.`, { field: 'name' });
  }
}

function applyFields(record: KeyRecord, fields: EditableKeyFields, data: IndexData): void {
  if (fields.envVar !== undefined) record.envVar = fields.envVar || null;
  if (fields.provider !== undefined) record.provider = fields.provider || null;
  if (fields.notes !== undefined) record.notes = fields.notes;
  if (fields.scopes !== undefined) record.scopes = [...new Set(fields.scopes)];
  if (fields.url !== undefined) record.url = fields.url;
  if (fields.rotateEveryDays !== undefined) record.rotateEveryDays = fields.rotateEveryDays;
  if (fields.expiresAt !== undefined) record.expiresAt = fields.expiresAt;
  if (fields.tags !== undefined) {
    const known = data.keys.filter((k) => k.id !== record.id).flatMap((k) => k.tags);
    record.tags = normaliseTags(fields.tags, known);
  }
}

const conflictAction = (options: ImportOptions, entry: ImportEntry) =>
  typeof options.onConflict === 'function' ? options.onConflict(entry) : options.onConflict;
