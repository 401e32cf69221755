import { randomUUID } from 'node:crypto';
import type { CreateKeyArgs, EditableKeyFields, KeyRef, UpdateKeyArgs } from '../api/schemas';
import { VaultError } from '../errors';
import type { IndexData } from '../index/index-schema';
import type { IndexStore } from '../index/index-store';
import type { Keychain } from '../keychain/keychain';
import { normaliseTags } from '../tags/tag-rules';
import { newKeyRecord, type KeyRecord } from './key-record';

export const secretAccount = (id: string) => `key:${id}`;

const nameKey = (name: string) => name.trim().toLocaleLowerCase('en-US');

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
    await this.keychain.set(secretAccount(id), args.secret);
    try {
      return await this.index.update((data) => {
        assertNameFree(data, args.name);
        const record = newKeyRecord(id, args.name.trim(), stamp);
        applyFields(record, args, data);
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

  /** The index entry goes first: a crash in between leaves an orphaned value, never a dangling name. */
  async delete(ref: KeyRef): Promise<KeyRecord> {
    const removed = await this.index.update((data) => {
      const record = findIn(data, ref);
      data.keys = data.keys.filter((k) => k.id !== record.id);
      return record;
    });
    await this.keychain.delete(secretAccount(removed.id));
    return removed;
  }

  async readValue(ref: KeyRef): Promise<{ record: KeyRecord; value: string }> {
    const record = await this.find(ref);
    const value = await this.keychain.get(secretAccount(record.id));
    if (value === null) {
      throw new VaultError(
        'NOT_FOUND',
        `The value of "${record.name}" is missing from the keychain (service "${this.keychain.service}", account "${secretAccount(record.id)}"). Rotate the key to store a new value.`,
      );
    }
    return { record, value };
  }

  async markUsed(ids: readonly string[]): Promise<void> {
    const stamp = new Date(this.now()).toISOString();
    await this.index.update((data) => {
      for (const key of data.keys) if (ids.includes(key.id)) key.lastUsedAt = stamp;
    });
  }
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
