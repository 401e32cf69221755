import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../keychain/keychain';
import { createKeytarKeychain } from '../keychain/keytar-keychain';
import { createTestVault } from '../test-support/test-vault';
import { createDispatcher } from './dispatcher';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `keystash run` reads many values at once: what it hands over, and what it reports when one is missing. */
describe('readSecrets', () => {
  it('answers every value in the order asked for, and names the first missing one in that order, whichever read failed first', async () => {
    // Failure injection: a keychain that counts the reads of values and holds one of them back,
    // so that a later key's failure comes first.
    const real = createKeytarKeychain(`keystash-test-${randomBytes(6).toString('hex')}`);
    const valueReads: string[] = [];
    let slowAccount = '';
    const keychain: Keychain = {
      ...real,
      async get(account) {
        if (account.startsWith('key:')) valueReads.push(account);
        if (account === slowAccount) await sleep(200);
        return real.get(account);
      },
    };
    const t = await createTestVault({ keychain });
    try {
      await t.enrol();
      const ids: string[] = [];
      for (let n = 0; n < 20; n++) {
        const created = await t.dispatch('createKey', { name: `RUN_KEY_${String(n).padStart(2, '0')}`, secret: `sk_run_value_${n}` });
        if (!created.ok) throw new Error(created.error.message);
        ids.push(created.value.id);
      }
      const cli = createDispatcher(t.vault, 'cli');
      const keys = [...ids].reverse().map((id) => ({ id }));

      valueReads.length = 0;
      const all = await cli('readSecrets', { keys, purpose: 'run', command: 'node' });
      expect(all).toMatchObject({ ok: true });
      if (!all.ok) return;
      expect((all.value as { secrets: { id: string; value: string }[] }).secrets).toEqual([...ids].reverse().map((id, i) => ({ id, value: `sk_run_value_${19 - i}` })));
      expect(valueReads).toHaveLength(20);

      // Keys 2 and 5 (in the order asked for) lose their values, and 2's read is the slow one, so
      // 5's failure comes first. Both are within the first eight, which are read at once.
      await real.delete(`key:${ids[2]}`);
      await real.delete(`key:${ids[5]}`);
      slowAccount = `key:${ids[2]}`;
      valueReads.length = 0;
      const broken = await cli('readSecrets', { keys: ids.map((id) => ({ id })), purpose: 'run', command: 'node' });
      expect(broken).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      if (broken.ok) return;
      expect(broken.error.message).toContain('"RUN_KEY_02"');
      expect(broken.error.message).not.toContain('sk_run_value');
      // No read starts once one has failed. At most eight are in flight (READS_AT_ONCE) and they start
      // in order, so keys 14 to 19, more than eight past the failing key 5, are never asked for.
      const asked = new Set(valueReads);
      expect(valueReads.length).toBeLessThan(ids.length);
      expect(ids.slice(14).filter((id) => asked.has(`key:${id}`))).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 30_000);
});
