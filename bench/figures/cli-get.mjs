// `keystash get NAME` and `keystash run --tag T -- true` as whole processes with the session open
// (without the app, and with it running: its agent answers),
// against a `node -e` process doing one raw keytar get (the floor for a Node CLI), `secret-tool
// lookup` (the floor for any process), and the peers a user would pick instead: `pass show` and
// `keepassxc-cli show`. All interleaved in one loop, so drift hits them alike.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBenchVault, fakeKeyValue } from '../lib/bench-vault.mjs';
import { openAppAgent } from '../lib/app-agent.mjs';
import { figure, notMeasured } from '../lib/figure.mjs';
import { createKeepassStore, createPassStore } from '../lib/peers.mjs';
import { onPath, timeProcess } from '../lib/processes.mjs';
import { keytar, rawKeytarGetProcess } from '../lib/raw-keytar.mjs';
import { interleave, median } from '../lib/stats.mjs';

const RUN_KEYS = 20;
const RAW_ACCOUNT = 'bench:raw';

export async function measureCliGet({ rounds, log }) {
  const vault = await createBenchVault();
  const value = fakeKeyValue(0);
  const peers = [];
  let app = null;
  try {
    await vault.add('BENCH_KEY', value);
    const envFile = Array.from({ length: RUN_KEYS }, (_, n) => `BENCH_RUN_${n}=${fakeKeyValue(n + 1)}`).join('\n');
    const envPath = join(vault.home, 'run-keys.env');
    await writeFile(envPath, `${envFile}\n`, { mode: 0o600 });
    await vault.cli(['import', envPath, '--tag', 'T']);
    await rm(envPath);
    await (await keytar()).setPassword(vault.service, RAW_ACCOUNT, value);
    const pass = await createPassStore(value).catch((e) => (log(`pass store not set up: ${e.message}`), null));
    const keepass = await createKeepassStore(value).catch((e) => (log(`keepassxc store not set up: ${e.message}`), null));
    peers.push(pass, keepass);

    app = await openAppAgent(vault, log);
    const get = async () => {
      const { ms, stdout } = await vault.cli(['get', 'BENCH_KEY']);
      if (stdout !== value) throw new Error('keystash get printed another value than the one stored');
      return ms;
    };
    const run = () => vault.cli(['run', '--tag', 'T', '--', 'true']).then((r) => r.ms);
    const contenders = {
      get,
      run,
      getApp: app.during(get),
      runApp: app.during(run),
      raw: () => rawKeytarGetProcess(vault.service, RAW_ACCOUNT, value),
      ...(onPath('secret-tool') ? { secretTool: () => timeProcess('secret-tool', ['lookup', 'service', vault.service, 'account', RAW_ACCOUNT]) } : {}),
      ...(pass ? { pass: pass.get } : {}),
      ...(keepass ? { keepass: keepass.get } : {}),
    };
    log(`get/run: ${rounds} interleaved rounds of ${Object.keys(contenders).join(', ')}`);
    const s = await interleave(contenders, { rounds });
    const raw = { label: '`node -e` raw keytar get', samples: s.raw };
    const floorNote = s.secretTool
      ? [`secret-tool lookup (the floor for any process): ${median(s.secretTool).toFixed(1)} ms; node -e with nothing but keytar: ${median(s.raw).toFixed(1)} ms`]
      : ['secret-tool not installed'];
    const rows = [
      figure({ id: 'get', title: '`keystash get NAME`, session open', samples: s.get, baseline: raw, target: { text: '≤ 1.3×', ratio: 1.3 }, notes: floorNote, extra: { secretTool: s.secretTool ? { median: median(s.secretTool), samples: s.secretTool } : null } }),
      s.pass
        ? figure({ id: 'get-vs-pass', title: '`keystash get` vs `pass show` (gpg)', samples: s.get, baseline: { label: pass.label, samples: s.pass }, target: { text: '< 1.0×', ratio: 1, strict: true } })
        : notMeasured({ id: 'get-vs-pass', title: '`keystash get` vs `pass show` (gpg)', target: { text: '< 1.0×' }, why: 'pass or gpg not installed, or its store could not be set up' }),
      s.keepass
        ? figure({ id: 'get-vs-keepassxc', title: '`keystash get` vs `keepassxc-cli show`', samples: s.get, baseline: { label: keepass.label, samples: s.keepass }, target: { text: '< 1.0×', ratio: 1, strict: true } })
        : notMeasured({ id: 'get-vs-keepassxc', title: '`keystash get` vs `keepassxc-cli show`', target: { text: '< 1.0×' }, why: 'keepassxc-cli not installed, or its store could not be set up' }),
      figure({ id: 'run', title: `\`keystash run --tag T -- true\`, ${RUN_KEYS} keys`, samples: s.run, baseline: raw, target: { text: '≤ 1.5×', ratio: 1.5 } }),
      figure({ id: 'get-app', title: '`keystash get NAME`, app running (its agent answers)', samples: s.getApp, baseline: raw, target: { text: '≤ 1.3×', ratio: 1.3 } }),
      s.pass
        ? figure({ id: 'get-app-vs-pass', title: '`keystash get`, app running, vs `pass show`', samples: s.getApp, baseline: { label: pass.label, samples: s.pass }, target: { text: '< 1.0×', ratio: 1, strict: true } })
        : notMeasured({ id: 'get-app-vs-pass', title: '`keystash get`, app running, vs `pass show`', target: { text: '< 1.0×' }, why: 'pass or gpg not installed, or its store could not be set up' }),
      s.keepass
        ? figure({ id: 'get-app-vs-keepassxc', title: '`keystash get`, app running, vs `keepassxc-cli show`', samples: s.getApp, baseline: { label: keepass.label, samples: s.keepass }, target: { text: '< 1.0×', ratio: 1, strict: true } })
        : notMeasured({ id: 'get-app-vs-keepassxc', title: '`keystash get`, app running, vs `keepassxc-cli show`', target: { text: '< 1.0×' }, why: 'keepassxc-cli not installed, or its store could not be set up' }),
      figure({ id: 'run-app', title: `\`keystash run --tag T -- true\`, ${RUN_KEYS} keys, app running`, samples: s.runApp, baseline: raw, target: { text: '≤ 1.5×', ratio: 1.5 } }),
    ];
    return rows;
  } finally {
    await app?.close();
    for (const peer of peers) await peer?.close();
    await vault.close();
  }
}
