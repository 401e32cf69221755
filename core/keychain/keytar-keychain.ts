import { VaultError } from '../errors';
import { MAX_SECRET_BYTES, type Keychain } from './keychain';
import {
  chunkAccount,
  encodeChunks,
  entryCost,
  MIN_CHUNK_BYTES,
  needsHead,
  newGeneration,
  parseHead,
  parsePart,
  type ChunkHead,
} from './keychain-chunks';
import { keytarLoadError, toKeychainError } from './keytar-errors';
import { listAccountsOverSecretService } from './secret-service-accounts';

type Keytar = typeof import('keytar');

export interface KeytarKeychainOptions {
  /**
   * The most one keychain entry may cost (see entryCost); larger values are split into chunks.
   * Defaults to a safe size under Windows Credential Manager's 2,560-byte limit, and to no limit
   * elsewhere. Tests set it to exercise chunking on Linux.
   */
  chunkBytes?: number;
}

/** Leaves headroom below CRED_MAX_CREDENTIAL_BLOB_SIZE (2,560 bytes) for either text encoding. */
const WINDOWS_CHUNK_BYTES = 2000;

export function createKeytarKeychain(service: string, options: KeytarKeychainOptions = {}): Keychain {
  if (service === '') throw new VaultError('INVALID_ARGUMENT', 'The keychain service name must not be empty.');
  const budget = chunkBudget(options.chunkBytes);

  async function call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = await loadKeytar();
    try {
      return await operation(keytar);
    } catch (error) {
      throw toKeychainError(error);
    }
  }
  // findCredentials searches, then loads each value; an entry deleted in between makes libsecret hand
  // keytar a NULL value, and keytar aborts the whole process. Listings go over D-Bus instead where
  // they can (secret-service-accounts.ts); where keytar lists, this process never deletes meanwhile:
  // the two wait for each other. (Another process deleting then can still do it.)
  let exclusive: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = exclusive.then(task, task);
    exclusive = run.catch(() => undefined);
    return run;
  }

  const read = (account: string) => call((k) => k.getPassword(service, account));
  const write = (account: string, stored: string) => call((k) => k.setPassword(service, account, stored));
  const remove = (account: string) => oneAtATime(() => call((k) => k.deletePassword(service, account)));

  async function readChunked(account: string, head: ChunkHead): Promise<string | ChunkProblem> {
    const parts = [head.part];
    for (let index = 2; index <= head.count; index++) {
      const stored = await read(chunkAccount(account, index));
      if (stored === null) return { missing: index, count: head.count };
      const part = parsePart(stored, head.generation, index);
      if (part === null) return { mixed: true };
      parts.push(part);
    }
    return parts.join('');
  }

  async function get(account: string): Promise<string | null> {
    assertAccount(account);
    // A writer may replace the chunks while we read them; one fresh look settles that race.
    let problem: ChunkProblem | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = await read(account);
      if (stored === null) return null;
      const parsed = parseHead(stored);
      if (parsed.kind === 'plain') return stored;
      if (parsed.kind === 'unreadable') throw unreadableEntry(account);
      const result = await readChunked(account, parsed.head);
      if (typeof result === 'string') return result;
      problem = result;
    }
    throw incompleteEntry(account, problem!);
  }

  /** How many entries the value stored now spans, or null when its head cannot be read. */
  async function storedCount(account: string): Promise<number | null> {
    const stored = await read(account);
    if (stored === null) return 0;
    const parsed = parseHead(stored);
    if (parsed.kind === 'plain') return 1;
    return parsed.kind === 'chunked' ? parsed.head.count : null;
  }

  /**
   * Deletes entries `#from` and up. Known chunks go from the top down, so an interrupted cleanup
   * leaves a contiguous run that the probe after it finds next time; the probe also catches parts
   * of a write that crashed before its head was stored. Only chunking budgets, or a head we could
   * not read, can leave such parts, so without them the probe (one more keychain call) is skipped.
   */
  async function deleteChunksFrom(account: string, from: number, knownCount: number | null): Promise<boolean> {
    const probe = Number.isFinite(budget) || knownCount === null;
    knownCount ??= 1;
    let deleted = false;
    for (let index = knownCount; index >= from; index--) {
      if (await remove(chunkAccount(account, index))) deleted = true;
    }
    if (probe) {
      for (let index = Math.max(from, knownCount + 1); await remove(chunkAccount(account, index)); index++) {
        deleted = true;
      }
    }
    return deleted;
  }

  async function set(account: string, value: string, options: { fresh?: boolean } = {}): Promise<void> {
    assertAccount(account);
    assertStorableValue(value);
    const previousCount = options.fresh ? 0 : await storedCount(account);
    const entries =
      entryCost(value) <= budget && !needsHead(value) ? [value] : encodeChunks(value, budget, newGeneration());
    // Parts first, head last: until the head is written, readers still find the old head, whose
    // generation no longer matches the new parts, so they report the entry instead of mixing values.
    for (let index = entries.length; index >= 2; index--) {
      await write(chunkAccount(account, index), entries[index - 1]!);
    }
    await write(account, entries[0]!);
    await deleteChunksFrom(account, entries.length + 1, previousCount);
  }

  async function del(account: string): Promise<boolean> {
    assertAccount(account);
    const count = await storedCount(account);
    // Parts before the head: a crash in between leaves an entry that reports itself incomplete
    // (and can be deleted again), never secret fragments that nothing points to.
    const deletedParts = await deleteChunksFrom(account, 2, count);
    const deletedHead = count === 0 ? false : await remove(account);
    return deletedHead || deletedParts;
  }

  /**
   * On Linux, the items' attributes over D-Bus: no value is loaded, and an entry deleted outside
   * meanwhile is simply not listed. Elsewhere, or when that cannot answer (a locked keyring needs
   * libsecret's unlock prompt), keytar's findCredentials, which loads every value too (about 1 s per
   * 500 entries on gnome-keyring); the values are dropped here, at once, and only accounts leave.
   */
  async function listAccounts(): Promise<string[]> {
    // Not one at a time with deletes: an entry deleted under a D-Bus listing is only left out.
    const overDbus = await listAccountsOverSecretService(service);
    if (overDbus) return overDbus;
    const found = await oneAtATime(() => call((k) => k.findCredentials(service)));
    return found.map((credential) => credential.account);
  }

  return { service, get, set, delete: del, listAccounts };
}

type ChunkProblem = { missing: number; count: number } | { mixed: true };

function chunkBudget(chunkBytes: number | undefined): number {
  if (chunkBytes === undefined) return process.platform === 'win32' ? WINDOWS_CHUNK_BYTES : Infinity;
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES) {
    throw new VaultError('INVALID_ARGUMENT', `chunkBytes must be a whole number of at least ${MIN_CHUNK_BYTES}.`);
  }
  return chunkBytes;
}

function assertAccount(account: string): void {
  // `#` separates an account from its chunk number, so allowing it would let two accounts collide.
  if (account === '' || account.includes('#')) {
    throw new VaultError('INVALID_ARGUMENT', 'A keychain account name must be non-empty and must not contain "#".');
  }
}

function assertStorableValue(value: string): void {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_SECRET_BYTES) {
    throw new VaultError(
      'INVALID_ARGUMENT',
      `The value is ${Math.ceil(bytes / 1024)} KiB; Keystash stores values up to ${MAX_SECRET_BYTES / 1024} KiB.`,
    );
  }
  // libsecret stores C strings, so everything after a NUL would be lost without an error.
  if (value.includes('\0')) {
    throw new VaultError('INVALID_ARGUMENT', 'The value contains a NUL character, which the keychain cannot store.');
  }
  // A lone surrogate would come back as U+FFFD: refuse rather than store something else.
  if (/\p{Surrogate}/u.test(value)) {
    throw new VaultError('INVALID_ARGUMENT', 'The value is not valid Unicode text.');
  }
}

function unreadableEntry(account: string): VaultError {
  return new VaultError(
    'INTERNAL',
    `The keychain entry "${account}" was written in a format this version of Keystash cannot read. Update Keystash, or delete the key and add it again.`,
  );
}

function incompleteEntry(account: string, problem: ChunkProblem): VaultError {
  const detail =
    'missing' in problem
      ? `part ${problem.missing} of ${problem.count} is missing`
      : 'its parts come from different saves';
  return new VaultError(
    'INTERNAL',
    `The keychain entry "${account}" is incomplete (${detail}). Delete the key and add it again.`,
  );
}

let keytarModule: Promise<Keytar> | undefined;

/** Loaded on first use, so a missing or mismatched native module is a typed error, not a crash at startup. */
function loadKeytar(): Promise<Keytar> {
  keytarModule ??= import('keytar').then(
    (module: Keytar & { default?: Keytar }) => module.default ?? module,
    (error: unknown) => {
      keytarModule = undefined; // let a later call retry, e.g. after libsecret was installed
      throw keytarLoadError(error);
    },
  );
  return keytarModule;
}
