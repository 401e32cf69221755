// The keychain listing behind the drift check (the background check after unlock, `checkDrift`,
// `keystash doctor`): Keystash's listAccounts, in this process, against keytar's findCredentials,
// the only listing keytar has, over the same entries. Keystash lists over D-Bus on Linux, reading
// the entries' attributes alone (core/keychain/secret-service-accounts.ts); findCredentials loads
// every value as well. Reported, held to no target: the issue sets none for this path.
import { randomBytes } from 'node:crypto';
import { loadCoreHelpers } from '../lib/core-helpers.mjs';
import { figure } from '../lib/figure.mjs';
import { clearService, keytar } from '../lib/raw-keytar.mjs';
import { interleave, timed } from '../lib/stats.mjs';

export async function measureKeychainCheck({ entries, rounds, log }) {
  const core = await loadCoreHelpers();
  const k = await keytar();
  const service = `keystash-bench-check-${randomBytes(6).toString('hex')}`;
  try {
    log(`keychain check: storing ${entries} entries`);
    for (let i = 0; i < entries; i++) await k.setPassword(service, `key:${i}`, randomBytes(24).toString('base64url'));
    const keychain = core.createKeytarKeychain(service);
    log(`keychain check: ${rounds} interleaved rounds`);
    const expectAll = (count) => {
      if (count !== entries) throw new Error(`a listing found ${count} of ${entries} entries`);
    };
    const s = await interleave(
      {
        keystash: () => timed(async () => expectAll((await keychain.listAccounts()).length)),
        raw: () => timed(async () => expectAll((await k.findCredentials(service)).length)),
      },
      { rounds },
    );
    return [
      figure({
        id: 'keychain-check',
        title: `keychain listing for the drift check, ${entries.toLocaleString('en')} entries`,
        samples: s.keystash,
        baseline: { label: "keytar's findCredentials (loads every value too)", samples: s.raw },
        target: { text: 'none' },
      }),
    ];
  } finally {
    await clearService(service);
  }
}
