import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultError } from '../errors';
import { runCoreInChild } from '../test-support/run-core-in-child';
import { MAX_SECRET_BYTES } from './keychain';
import { entryCost } from './keychain-chunks';
import { keychainLockedMessage, keychainUnavailableMessage } from './keytar-errors';
import { createKeytarKeychain } from './keytar-keychain';

// Runs against the real Secret Service. Outside scripts/with-keyring that would be the developer's
// own login keyring, so refuse instead.
const inPrivateKeyring = process.env.KEYSTASH_IN_KEYRING === '1';
const service = `keystash-test-${randomBytes(6).toString('hex')}`;
const run = promisify(execFile);

/** The secret-tool view of the keychain: what Seahorse and other Secret Service clients see. */
async function lookup(account: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'account', account]);
    return stdout;
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
}

/** Every item of this run's service, as account -> attributes and label. */
async function itemsOfService(): Promise<Map<string, Record<string, string>>> {
  // secret-tool prints the label on stdout but the attributes on stderr: merge them in order.
  const { stdout } = await run('sh', ['-c', 'secret-tool search --all service "$1" 2>&1', 'sh', service], {
    maxBuffer: 16 << 20,
  });
  const items = new Map<string, Record<string, string>>();
  for (const block of stdout.split(/^\[/m).slice(1)) {
    const attributes: Record<string, string> = {};
    for (const match of block.matchAll(/^(label|attribute\.[^ ]+) = (.*)$/gm)) attributes[match[1]!] = match[2]!;
    if (attributes['attribute.account']) items.set(attributes['attribute.account'], attributes);
  }
  return items;
}

async function accountsOf(prefix: string): Promise<string[]> {
  return [...(await itemsOfService()).keys()].filter((a) => a === prefix || a.startsWith(`${prefix}#`)).sort();
}

function rsaPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('keytar keychain on the real Secret Service', () => {
  const keychain = createKeytarKeychain(service);
  const chunked = createKeytarKeychain(service, { chunkBytes: 500 });

  beforeAll(() => {
    if (!inPrivateKeyring) {
      throw new Error('These tests use the real keychain: run them under scripts/with-keyring (npm run test:unit).');
    }
  });

  afterAll(async () => {
    if (!inPrivateKeyring) return;
    for (const account of (await itemsOfService()).keys()) {
      await run('secret-tool', ['clear', 'service', service, 'account', account]);
    }
  });

  it('sets, gets and deletes a value', async () => {
    expect(await keychain.get('key:roundtrip')).toBeNull();
    await keychain.set('key:roundtrip', 'sk-live-first');
    expect(await keychain.get('key:roundtrip')).toBe('sk-live-first');
    await keychain.set('key:roundtrip', 'sk-live-second');
    expect(await keychain.get('key:roundtrip')).toBe('sk-live-second');
    expect(await keychain.delete('key:roundtrip')).toBe(true);
    expect(await keychain.get('key:roundtrip')).toBeNull();
    expect(await keychain.delete('key:roundtrip')).toBe(false);
  });

  it('stores under the service and account attributes that secret-tool and Seahorse see', async () => {
    await keychain.set('key:visible', 'sk-visible-123');
    expect(await lookup('key:visible')).toBe('sk-visible-123');
    // keytar's attributes are exactly `service` and `account` (secret-tool hides xdg:schema).
    expect((await itemsOfService()).get('key:visible')).toEqual({
      'attribute.service': service,
      'attribute.account': 'key:visible',
      label: `${service}/key:visible`,
    });
    const { stdout } = await run('secret-tool', [
      'lookup', 'xdg:schema', 'org.freedesktop.Secret.Generic', 'service', service, 'account', 'key:visible',
    ]);
    expect(stdout).toBe('sk-visible-123');
    await keychain.delete('key:visible');
    expect(await lookup('key:visible')).toBeNull();
  });

  it('round-trips a value of exactly 64 KiB, in one entry and in chunks', async () => {
    const ascii = 'A1b2'.repeat(MAX_SECRET_BYTES / 4);
    const emoji = '🔑'.repeat(MAX_SECRET_BYTES / 4); // 4 bytes of UTF-8 each
    for (const value of [ascii, emoji]) {
      expect(Buffer.byteLength(value)).toBe(MAX_SECRET_BYTES);
      await keychain.set('key:max', value);
      expect(await keychain.get('key:max')).toBe(value);
    }
    const windowsSized = createKeytarKeychain(service, { chunkBytes: 2000 });
    await windowsSized.set('key:max', ascii);
    expect((await accountsOf('key:max')).length).toBeGreaterThan(30);
    expect(await windowsSized.get('key:max')).toBe(ascii);
    expect(await windowsSized.delete('key:max')).toBe(true);
    expect(await accountsOf('key:max')).toEqual([]);
  });

  it('refuses a value over 64 KiB without echoing it', async () => {
    const value = `sk-oversized-${'x'.repeat(MAX_SECRET_BYTES)}`.slice(0, MAX_SECRET_BYTES + 1);
    const error = await keychain.set('key:big', value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'The value is 65 KiB; Keystash stores values up to 64 KiB.',
    });
    expect((error as Error).message).not.toContain('sk-oversized');
    expect(await keychain.get('key:big')).toBeNull();
  });

  it('splits a 4096-bit RSA key into chunk entries, joins them, and cleans up on rewrite and delete', async () => {
    const pem = rsaPrivateKeyPem();
    expect(pem.length).toBeGreaterThan(3000);
    await chunked.set('key:rsa', pem);

    const accounts = await accountsOf('key:rsa');
    const count = accounts.length;
    expect(count).toBeGreaterThan(5);
    expect(accounts).toEqual(
      ['key:rsa', ...Array.from({ length: count - 1 }, (_, i) => `key:rsa#${i + 2}`)].sort(),
    );
    const head = await lookup('key:rsa');
    expect(head).toMatch(new RegExp(`^keystash-chunked:v1:${count}:[0-9a-f]{12}:-----BEGIN PRIVATE KEY-----`));
    for (const account of accounts) expect(entryCost((await lookup(account))!)).toBeLessThanOrEqual(500);

    expect(await chunked.get('key:rsa')).toBe(pem);
    // The format does not depend on the budget: an adapter without chunking reads it too.
    expect(await keychain.get('key:rsa')).toBe(pem);

    const shorter = pem.slice(0, 700);
    await chunked.set('key:rsa', shorter);
    const shorterAccounts = await accountsOf('key:rsa');
    expect(shorterAccounts.length).toBeGreaterThan(1);
    expect(shorterAccounts.length).toBeLessThan(count);
    expect(await chunked.get('key:rsa')).toBe(shorter);

    await chunked.set('key:rsa', 'sk-small');
    expect(await accountsOf('key:rsa')).toEqual(['key:rsa']);
    expect(await lookup('key:rsa')).toBe('sk-small'); // small values stay plain, readable by anyone

    await chunked.set('key:rsa', pem);
    expect(await chunked.delete('key:rsa')).toBe(true);
    expect(await accountsOf('key:rsa')).toEqual([]);
    expect(await chunked.get('key:rsa')).toBeNull();
  });

  it('never cuts a multi-byte character at a chunk boundary', async () => {
    const value = 'é🔑ab👩‍💻ü€'.repeat(120);
    const tight = createKeytarKeychain(service, { chunkBytes: 256 });
    await tight.set('key:emoji', value);
    const accounts = await accountsOf('key:emoji');
    expect(accounts.length).toBeGreaterThan(5);
    for (const account of accounts) {
      const stored = (await lookup(account))!;
      expect(stored).not.toContain('\uFFFD'); // a split character would come back as a replacement
      expect(/\p{Surrogate}/u.test(stored)).toBe(false);
      expect(entryCost(stored)).toBeLessThanOrEqual(256);
    }
    expect(await tight.get('key:emoji')).toBe(value);
    await tight.delete('key:emoji');
  });

  it('reports a missing chunk as an incomplete entry, and still deletes what is left', async () => {
    await chunked.set('key:torn', 'z'.repeat(2000));
    await run('secret-tool', ['clear', 'service', service, 'account', 'key:torn#2']);
    const error = await chunked.get('key:torn').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).toMatch(/^The keychain entry "key:torn" is incomplete \(part 2 of \d+ is missing\)\./);
    expect(await chunked.delete('key:torn')).toBe(true);
    expect(await accountsOf('key:torn')).toEqual([]);
  });

  it('does not join chunks from two different writes', async () => {
    await chunked.set('key:mixed', 'a'.repeat(1500));
    const firstPart2 = (await lookup('key:mixed#2'))!;
    await chunked.set('key:mixed', 'b'.repeat(1500));
    // As if a crash had left a part of the older write behind.
    await run('sh', ['-c', 'printf %s "$1" | secret-tool store --label=x service "$2" account key:mixed#2', 'sh', firstPart2, service]);
    const error = await chunked.get('key:mixed').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).toContain('"key:mixed" is incomplete (its parts come from different saves)');
    await chunked.delete('key:mixed');
  });

  it('removes parts left behind by a write that crashed before its head', async () => {
    await chunked.set('key:orphans', 'c'.repeat(1500));
    const parts = (await accountsOf('key:orphans')).filter((a) => a.includes('#'));
    await run('secret-tool', ['clear', 'service', service, 'account', 'key:orphans']); // only the head
    expect(await chunked.get('key:orphans')).toBeNull();
    expect(parts.length).toBeGreaterThan(1);
    await chunked.set('key:orphans', 'short');
    expect(await accountsOf('key:orphans')).toEqual(['key:orphans']);
    await chunked.delete('key:orphans');
  });

  it('stores values that look like a chunk header, and the empty value', async () => {
    for (const value of ['keystash-chunked:v1:3:000000000000:oops', 'keystash-chunked:', '']) {
      await keychain.set('key:tricky', value);
      expect(await keychain.get('key:tricky')).toBe(value);
    }
    await keychain.delete('key:tricky');
  });

  it('refuses what it could not give back unchanged', async () => {
    await expect(keychain.set('key:nul', 'before\0after')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(keychain.set('key:surrogate', 'sk-\uD83D')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(keychain.set('key:a#2', 'x')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => createKeytarKeychain(service, { chunkBytes: 10 })).toThrow(VaultError);
  });
});

describe('keytar keychain without a Secret Service', () => {
  const probe = `
    import { createKeytarKeychain } from './core/keychain/keytar-keychain';
    const keychain = createKeytarKeychain('keystash-test-unreachable');
    const outcomes = [];
    for (const call of [() => keychain.set('key:a', 'sk-never-stored'), () => keychain.get('key:a'), () => keychain.delete('key:a')]) {
      try {
        outcomes.push({ ok: true, value: await call() });
      } catch (error) {
        outcomes.push({ name: error.name, code: error.code, message: error.message });
      }
    }
    console.log(JSON.stringify(outcomes));
  `;
  const expected = {
    name: 'VaultError',
    code: 'KEYCHAIN_UNAVAILABLE',
    message: keychainUnavailableMessage('linux'),
  };

  async function expectUnavailable(result: Awaited<ReturnType<typeof runCoreInChild>>) {
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe(''); // no crash, no stack trace, no native warning
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([expected, expected, expected]);
    expect(result.stdout).not.toContain('sk-never-stored');
  }

  function envWithout(...names: string[]): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of names) delete env[name];
    return env;
  }

  it('maps "Could not connect" (the bus address points at no socket)', async () => {
    const env = { ...envWithout('DISPLAY'), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keystash-bus' };
    await expectUnavailable(await runCoreInChild(probe, { env }));
  });

  it('maps "Cannot autolaunch D-Bus without X11 $DISPLAY" (no bus at all)', async () => {
    await expectUnavailable(await runCoreInChild(probe, { env: envWithout('DISPLAY', 'DBUS_SESSION_BUS_ADDRESS') }));
  });

  it('maps "Cannot create an item in a locked collection" to KEYCHAIN_LOCKED', async () => {
    // A keyring of its own (a nested with-keyring, not the shared one), locked before the probe.
    // No DISPLAY, so gnome-keyring cannot show an unlock prompt that nobody would answer.
    const lockThenRun =
      'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets ' +
      'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null && exec "$0" "$@"';
    const result = await runCoreInChild(probe, {
      env: envWithout('DISPLAY', 'KEYSTASH_IN_KEYRING'),
      prefix: ['scripts/with-keyring', 'sh', '-c', lockThenRun],
    });
    expect(result).toMatchObject({ timedOut: false, code: 0, stderr: '' });
    const [set, get] = JSON.parse(result.stdout);
    expect(set).toEqual({ name: 'VaultError', code: 'KEYCHAIN_LOCKED', message: keychainLockedMessage('linux') });
    // A limitation of keytar on libsecret, kept visible here: a read from a locked keyring is not an
    // error but "no such entry" (atom/node-keytar#422).
    expect(get).toEqual({ ok: true, value: null });
  });

  it('maps "org.freedesktop.secrets was not provided by any .service files" (a bus, but no keyring)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'keystash-bus-'));
    try {
      const config = join(folder, 'bus.conf');
      // A session bus that can activate nothing, so no Secret Service can start on it.
      await writeFile(
        config,
        `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
          "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig><type>session</type><listen>unix:tmpdir=${folder}</listen><auth>EXTERNAL</auth>
        <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
        </busconfig>`,
      );
      const result = await runCoreInChild(probe, {
        env: envWithout('DISPLAY', 'DBUS_SESSION_BUS_ADDRESS'),
        prefix: ['dbus-run-session', `--config-file=${config}`, '--'],
      });
      // dbus-daemon itself may warn on stderr (fd limits); the child's own output is what matters.
      expect(JSON.parse(result.stdout)).toEqual([expected, expected, expected]);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
