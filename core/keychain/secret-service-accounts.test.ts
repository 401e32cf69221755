import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarKeychain } from './keytar-keychain';
import {
  DbusCallError,
  listAccountsOverSecretService,
  type DbusCall,
  type SecretServiceConnection,
} from './secret-service-accounts';

// Runs against the real Secret Service. Outside scripts/with-keyring that would be the developer's
// own login keyring, so refuse instead.
const inPrivateKeyring = process.env.KEYSTASH_IN_KEYRING === '1';
const root = resolve(import.meta.dirname, '../..');

function serviceName(): string {
  return `keystash-test-${randomBytes(6).toString('hex')}`;
}

async function clear(service: string): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
}

describe('listing accounts over D-Bus, on the real Secret Service', () => {
  const services: string[] = [];

  beforeAll(() => {
    if (!inPrivateKeyring) {
      throw new Error('These tests use the real keychain: run them under scripts/with-keyring (npm run test:unit).');
    }
  });

  afterAll(async () => {
    if (inPrivateKeyring) for (const service of services) await clear(service);
  });

  it("finds exactly the accounts keytar's findCredentials finds, and none of another service", async () => {
    const service = serviceName();
    const neighbour = serviceName();
    services.push(service, neighbour);
    for (let i = 0; i < 12; i++) await keytar.setPassword(service, `key:${i}`, `value-${i}`);
    await keytar.setPassword(service, 'vault:session', 'session');
    await keytar.setPassword(neighbour, 'key:0', 'the neighbour');

    const overDbus = await listAccountsOverSecretService(service);
    const byKeytar = (await keytar.findCredentials(service)).map((c) => c.account);
    expect(overDbus?.sort()).toEqual(byKeytar.sort());
    expect(overDbus).toHaveLength(13);
    expect(await listAccountsOverSecretService(serviceName())).toEqual([]);
  });

  it('keeps listing, and lists only what is left, while another process deletes the entries', async () => {
    // What a user does in Seahorse while the window checks the keychain. keytar's findCredentials
    // fails here with "No such secret item", or crashes the process on libsecret's NULL value.
    const service = serviceName();
    services.push(service);
    const accounts = Array.from({ length: 60 }, (_, i) => `key:${i}`);
    for (const account of accounts) await keytar.setPassword(service, account, `value of ${account}`);
    const keychain = createKeytarKeychain(service);

    const deleter = spawn(
      process.execPath,
      ['-e', `const k = require('keytar'); (async () => { for (let i = 0; i < 60; i++) await k.deletePassword(process.argv[1], 'key:' + i); })();`, service],
      { cwd: root, stdio: 'inherit' },
    );
    const deleted = new Promise<number | null>((done) => deleter.on('exit', done));
    let running = true;
    void deleted.then(() => (running = false));

    const listings: string[][] = [];
    while (running) listings.push(await keychain.listAccounts());

    expect(await deleted).toBe(0);
    // Several listings overlapped the deletes, and each was a true picture: a set of the entries.
    expect(listings.length).toBeGreaterThanOrEqual(3);
    expect(listings.some((listed) => listed.length > 0 && listed.length < accounts.length)).toBe(true);
    for (const listed of listings) expect(accounts).toEqual(expect.arrayContaining(listed));
    expect(await keychain.listAccounts()).toEqual([]);
  }, 60_000);
});

/**
 * A fake Secret Service connection, for failure injection only: the answers a real service gives
 * in states this machine cannot put gnome-keyring in (a locked keyring without a prompter, a
 * service with odd replies). Each answer returns null: keytar then lists, with its own errors.
 */
function fakeConnection(answer: (message: DbusCall) => unknown[] | Error): () => Promise<SecretServiceConnection> {
  return async () => ({
    call: async (message) => {
      const reply = answer(message);
      if (reply instanceof Error) throw reply;
      return reply;
    },
    close: () => undefined,
  });
}

const attributes = (service: string, account: string) => [['a{ss}', [[['account', account], ['service', service]]]]];

describe('listing accounts over D-Bus, when it cannot answer (failure injection)', () => {
  it('gives way to keytar when the keyring is locked (only libsecret can prompt to unlock it)', async () => {
    const connect = fakeConnection((m) => (m.member === 'SearchItems' ? [[], ['/item/1']] : attributes('s', 'key:1')));
    expect(await listAccountsOverSecretService('s', connect)).toBeNull();
  });

  it('gives way on a reply it does not understand, or an error other than "no such item"', async () => {
    const search = (m: DbusCall, item: () => unknown[] | Error) => (m.member === 'SearchItems' ? [['/item/1'], []] : item());
    const odd = fakeConnection((m) => search(m, () => [['a{ss}', [[['service', 's']]]]]));
    const otherService = fakeConnection((m) => search(m, () => attributes('other', 'key:1')));
    const denied = fakeConnection((m) => search(m, () => new DbusCallError('org.freedesktop.DBus.Error.AccessDenied')));
    const notAList = fakeConnection(() => ['not a list', []]);
    for (const connect of [odd, otherService, denied, notAList]) {
      expect(await listAccountsOverSecretService('s', connect)).toBeNull();
    }
  });

  it('leaves out an item deleted since the search, and lists the rest', async () => {
    const connect = fakeConnection((m) => {
      if (m.member === 'SearchItems') return [['/item/1', '/item/2'], []];
      if (m.path === '/item/1') return new DbusCallError('org.freedesktop.Secret.Error.NoSuchObject');
      return attributes('s', 'key:2');
    });
    expect(await listAccountsOverSecretService('s', connect)).toEqual(['key:2']);
  });

  it('gives way when there is no bus to connect to', async () => {
    expect(await listAccountsOverSecretService('s', async () => null)).toBeNull();
    expect(await listAccountsOverSecretService('s', () => Promise.reject(new Error('ECONNREFUSED')))).toBeNull();
  });
});
