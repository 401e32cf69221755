// Copy with the vault unlocked: from the copyKey request (through the same dispatcher the app's
// main process uses) until the value is on the clipboard, against raw keytar getPassword plus one
// write to the same platform clipboard. Both in this process; the writes that follow a copy
// (lastUsedAt, audit) are let finish, untimed, before the next run.
import { createBenchVault, fakeKeyValue } from '../lib/bench-vault.mjs';
import { loadCoreHelpers } from '../lib/core-helpers.mjs';
import { figure, notMeasured } from '../lib/figure.mjs';
import { keytar } from '../lib/raw-keytar.mjs';
import { interleave, timed } from '../lib/stats.mjs';

const TITLE = 'copy: request to value on clipboard, unlocked';
const TARGET = { text: '≤ 1.15×', ratio: 1.15 };

export async function measureCopy({ rounds, log }) {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return [notMeasured({ id: 'copy', title: TITLE, target: TARGET, why: 'no display (run under xvfb-run)' })];
  }
  const core = await loadCoreHelpers();
  const bench = await createBenchVault();
  try {
    const value = fakeKeyValue(0);
    await bench.add('BENCH_KEY', value);
    const k = await keytar();
    await k.setPassword(bench.service, 'bench:raw', value);
    const clipboard = core.createPlatformClipboard(bench.env);
    const vault = core.openVault({ env: bench.env, clipboard });
    const dispatch = core.createDispatcher(vault, 'window');
    const onClipboard = async () => {
      if ((await clipboard.read()) !== value) throw new Error('the clipboard does not hold the copied value');
      await clipboard.write('');
    };
    log(`copy: ${rounds} interleaved rounds`);
    const s = await interleave(
      {
        keystash: async () => {
          const ms = await timed(async () => {
            const result = await dispatch('copyKey', { key: { name: 'BENCH_KEY' } });
            if (!result.ok) throw new Error(`copyKey: ${result.error.code} ${result.error.message}`);
          });
          await vault.settle();
          await onClipboard();
          return ms;
        },
        raw: async () => {
          const ms = await timed(async () => clipboard.write(await k.getPassword(bench.service, 'bench:raw')));
          await onClipboard();
          return ms;
        },
      },
      { rounds },
    );
    await vault.shutdown();
    return [
      figure({
        id: 'copy',
        title: TITLE,
        samples: s.keystash,
        baseline: { label: 'raw keytar `getPassword` + one clipboard write', samples: s.raw },
        target: TARGET,
        notes: ['measured at the dispatcher the app’s main process uses (IPC transport excluded)'],
      }),
    ];
  } finally {
    await bench.close();
  }
}
