// `keystash list --json` with 10,000 keys, as a whole process, against a process that only reads
// and decrypts the index file (data key from the keychain, read, open with core's own index-crypto,
// JSON.parse: no validation, no output); next to it the design's floor for the command, the same
// process printing the records as JSON (no check, no order, no summaries). And the index's size on
// disk against the same records as plain JSON. The index is seeded without values: listing reads
// only the index.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openAppAgent } from '../lib/app-agent.mjs';
import { createBenchVault } from '../lib/bench-vault.mjs';
import { bundle, loadCoreHelpers } from '../lib/core-helpers.mjs';
import { figure } from '../lib/figure.mjs';
import { runProcess } from '../lib/processes.mjs';
import { interleave, median } from '../lib/stats.mjs';

// CommonJS, as the CLI is (an ES module entry costs Node 20 about 15 ms more). `print`: the floor.
const READ_INDEX = `
import { readFile } from 'node:fs/promises';
import { openIndex } from './core/index/index-crypto';
import { DATA_KEY_ACCOUNT } from './core/index/data-key-account';
const keytar = require('keytar');
async function main() {
  const key = Buffer.from(await keytar.getPassword(process.env.KEYSTASH_KEYCHAIN_SERVICE, DATA_KEY_ACCOUNT), 'base64');
  const data = JSON.parse(openIndex(JSON.parse(await readFile(process.env.BENCH_INDEX_FILE, 'utf8')), key));
  process.stdout.write(process.argv[2] === 'print' ? JSON.stringify(data.keys) : String(data.keys.length));
}
main();
`;

export async function measureList({ keys, rounds, log }) {
  const core = await loadCoreHelpers();
  const reader = await bundle('read-index', READ_INDEX, { format: 'cjs' });
  const vault = await createBenchVault();
  let app = null;
  try {
    await core.seedIndexWithoutValues(vault, keys);
    app = await openAppAgent(vault, log);
    const indexFile = join(vault.home, 'index.json.enc');
    log(`list: ${keys.toLocaleString('en')} keys, ${rounds} interleaved rounds`);
    const list = async () => {
      const { ms, stdout } = await vault.cli(['list', '--json']);
      const listed = JSON.parse(stdout);
      if ((listed.keys ?? listed).length !== keys) throw new Error(`keystash list --json did not list ${keys} keys`);
      return ms;
    };
    const s = await interleave(
      {
        list,
        listApp: app.during(list),
        read: async () => {
          const { ms, stdout } = await runProcess(process.execPath, [reader], { env: { ...vault.env, BENCH_INDEX_FILE: indexFile } });
          if (stdout !== String(keys)) throw new Error('the index reader did not read every key');
          return ms;
        },
        floor: async () => {
          const { ms, stdout } = await runProcess(process.execPath, [reader, 'print'], { env: { ...vault.env, BENCH_INDEX_FILE: indexFile } });
          if (JSON.parse(stdout).length !== keys) throw new Error('the design floor for list did not print every key');
          return ms;
        },
      },
      { rounds },
    );
    const data = await new core.IndexStore(vault.home, core.createKeytarKeychain(vault.service)).read();
    const plainJson = Buffer.byteLength(JSON.stringify(data));
    const onDisk = (await stat(indexFile)).size;
    const n = keys.toLocaleString('en');
    return [
      figure({ id: 'list', title: `\`keystash list --json\`, ${n} keys`, samples: s.list, baseline: { label: 'a process reading and decrypting the index file', samples: s.read }, target: { text: '≤ 1.3×', ratio: 1.3 } }),
      figure({
        id: 'list-floor',
        title: `the design's floor for \`list --json\`, ${n} keys (read, decrypt, print the records as JSON)`,
        samples: s.floor,
        baseline: { label: 'a process reading and decrypting the index file', samples: s.read },
        target: { text: 'none' },
        notes: [`\`keystash list --json\` without the app takes ${(median(s.list) / median(s.floor)).toFixed(2)}× this floor`],
      }),
      figure({ id: 'list-app', title: `\`keystash list --json\`, ${n} keys, app running`, samples: s.listApp, baseline: { label: 'a process reading and decrypting the index file', samples: s.read }, target: { text: '≤ 1.3×', ratio: 1.3 } }),
      figure({ id: 'index-size', title: `index size on disk, ${n} keys`, unit: 'KB', samples: onDisk / 1024, baseline: { label: 'the same records as plain JSON', samples: plainJson / 1024 }, target: { text: '≤ 1.1×', ratio: 1.1 } }),
    ];
  } finally {
    await app?.close();
    await vault.close();
  }
}
