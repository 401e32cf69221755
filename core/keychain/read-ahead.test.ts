import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultError } from '../errors';
import { createFailingKeychain } from './failing-keychain';
import { createKeytarKeychain } from './keytar-keychain';
import { READ_AHEAD_MAX_AGE_MS, withReadAhead } from './read-ahead';

// The real Secret Service, as in keytar-keychain.test.ts. A second adapter on the same service
// stands for another process (the app, another `keystash`) changing entries meanwhile.
const inPrivateKeyring = process.env.KEYSTASH_IN_KEYRING === '1';
const service = `keystash-test-${randomBytes(6).toString('hex')}`;
const elsewhere = createKeytarKeychain(service);

/** A clock the test moves by hand, so "later than the maximum age" needs no sleeping. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('reading keychain entries ahead (real Secret Service)', () => {
  beforeAll(() => {
    if (!inPrivateKeyring) throw new Error('These tests use the real keychain: run them under scripts/with-keyring.');
  });
  afterAll(async () => {
    if (!inPrivateKeyring) return;
    for (const account of await elsewhere.listAccounts()) await elsewhere.delete(account);
  });

  it('answers the first get from the read it started when it was made', async () => {
    await elsewhere.set('ahead:session', 'open');
    const keychain = withReadAhead(createKeytarKeychain(service), ['ahead:session'], manualClock().now);
    // Let the early read finish, then change the entry: the first get shows the early read was
    // what answered it, and the second get reads the keychain again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await elsewhere.set('ahead:session', 'changed elsewhere');
    expect(await keychain.get('ahead:session')).toBe('open');
    expect(await keychain.get('ahead:session')).toBe('changed elsewhere');
  });

  it('reads again when the early read is older than the maximum age', async () => {
    await elsewhere.set('ahead:stale', 'before');
    const clock = manualClock();
    const keychain = withReadAhead(createKeytarKeychain(service), ['ahead:stale'], clock.now);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await elsewhere.set('ahead:stale', 'after a prompt');
    clock.advance(READ_AHEAD_MAX_AGE_MS + 1);
    expect(await keychain.get('ahead:stale')).toBe('after a prompt');
  });

  it('never answers with an early read of an account this process wrote or deleted since', async () => {
    await elsewhere.set('ahead:written', 'old');
    await elsewhere.set('ahead:deleted', 'old');
    const keychain = withReadAhead(createKeytarKeychain(service), ['ahead:written', 'ahead:deleted'], manualClock().now);
    await keychain.set('ahead:written', 'new');
    expect(await keychain.delete('ahead:deleted')).toBe(true);
    expect(await keychain.get('ahead:written')).toBe('new');
    expect(await keychain.get('ahead:deleted')).toBeNull();
  });

  it('reads accounts it was not asked to read ahead as usual, and an absent entry as null', async () => {
    await elsewhere.set('ahead:other', 'value');
    const keychain = withReadAhead(createKeytarKeychain(service), ['ahead:absent'], manualClock().now);
    expect(await keychain.get('ahead:other')).toBe('value');
    expect(await keychain.get('ahead:absent')).toBeNull();
    expect(keychain.service).toBe(service);
  });
});

describe('reading ahead from a keychain that is gone (failure injection)', () => {
  it('fails the first get with the same typed error, and leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const keychain = withReadAhead(createFailingKeychain(service, 'KEYCHAIN_UNAVAILABLE'), ['session', 'vault:data-key']);
      // Only one of the two is ever asked for: the other early read fails unobserved.
      const error = await keychain.get('session').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VaultError);
      expect((error as VaultError).code).toBe('KEYCHAIN_UNAVAILABLE');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
