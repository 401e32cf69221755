// `keystash get NAME` and `keystash run --tag T -- true` as whole processes with the session open
// (without the app, and with it running: its agent answers),
// against a `node -e` process doing one raw keytar get (the floor for a Node CLI), `secret-tool
// lookup` (the floor for any process), and the peers a user would pick instead: `pass show` and
// `keepassxc-cli show`; and the design's floor for each without the app (lib/design-floor.mjs), to
// say how much of the way to the raw get the design itself takes. All interleaved in one loop, so
// drift hits them alike.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBenchVault, fakeKeyValue } from '../lib/bench-vault.mjs';
import { openAppAgent } from '../lib/app-agent.mjs';
import { figure, notMeasured } from '../lib/figure.mjs';
import { designFloorProcess } from '../lib/design-floor.mjs';
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
      floorGet: () => designFloorProcess(vault, ['get', 'BENCH_KEY'], value),
      floorRun: () => designFloorProcess(vault, ['run', 'T', '--', 'true']),
      floorGetApp: app.during(() => designFloorProcess(vault, ['app-get', 'BENCH_KEY'], value)),
      floorRunApp: app.during(() => designFloorProcess(vault, ['app-run', 'T', '--', 'true'])),
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
    /** The design's floor against the raw get, with how far the command is from it. */
    const floorRow = (id, command, withApp, floor, commandSamples) =>
      figure({
        id,
        title: withApp
          ? `the design's floor for \`${command}\`, app running (the same requests to its agent, alone)`
          : `the design's floor for \`${command}\` (its keychain and file work alone, no app)`,
        samples: floor,
        baseline: raw,
        target: { text: 'none' },
        notes: [`\`keystash ${command}\`${withApp ? ' with the app running' : ' without the app'} takes ${(median(commandSamples) / median(floor)).toFixed(2)}× this floor`],
      });
    /** `samples` against each peer a user would pick instead; a peer that is not installed is "not measured". */
    const againstPeers = (id, title, samples) => [
      [pass, s.pass, 'pass', '`pass show` (gpg)', 'pass or gpg not installed, or its store could not be set up'],
      [keepass, s.keepass, 'keepassxc', '`keepassxc-cli show`', 'keepassxc-cli not installed, or its store could not be set up'],
    ].map(([peer, peerSamples, peerId, peerTitle, why]) => {
      const row = { id: `${id}-vs-${peerId}`, title: `${title} vs ${peerTitle}`, target: { text: '< 1.0×', ratio: 1, strict: true } };
      return peerSamples ? figure({ ...row, samples, baseline: { label: peer.label, samples: peerSamples } }) : notMeasured({ ...row, why });
    });
    const rows = [
      figure({ id: 'get', title: '`keystash get NAME`, session open', samples: s.get, baseline: raw, target: { text: '≤ 1.3×', ratio: 1.3 }, notes: floorNote, extra: { secretTool: s.secretTool ? { median: median(s.secretTool), samples: s.secretTool } : null } }),
      ...againstPeers('get', '`keystash get`', s.get),
      floorRow('get-floor', 'get NAME', false, s.floorGet, s.get),
      figure({ id: 'run', title: `\`keystash run --tag T -- true\`, ${RUN_KEYS} keys`, samples: s.run, baseline: raw, target: { text: '≤ 1.5×', ratio: 1.5 } }),
      floorRow('run-floor', 'run --tag T -- true', false, s.floorRun, s.run),
      figure({ id: 'get-app', title: '`keystash get NAME`, app running (its agent answers)', samples: s.getApp, baseline: raw, target: { text: '≤ 1.3×', ratio: 1.3 } }),
      ...againstPeers('get-app', '`keystash get`, app running,', s.getApp),
      floorRow('get-app-floor', 'get NAME', true, s.floorGetApp, s.getApp),
      figure({ id: 'run-app', title: `\`keystash run --tag T -- true\`, ${RUN_KEYS} keys, app running`, samples: s.runApp, baseline: raw, target: { text: '≤ 1.5×', ratio: 1.5 } }),
      floorRow('run-app-floor', 'run --tag T -- true', true, s.floorRunApp, s.runApp),
    ];
    return rows;
  } finally {
    await app?.close();
    for (const peer of peers) await peer?.close();
    await vault.close();
  }
}
