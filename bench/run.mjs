#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only get,list]`: how fast Keystash is next to the floor under it,
// on this machine, now. Every figure is a median over repeated runs, interleaved with a baseline
// measured in the same run (absolute times on a shared machine drift; ratios hold). Writes
// bench/results.json (every sample) and bench/RESULTS.md (a quick run: bench/quick/), and prints the
// table.
//
// It builds nothing: run `npm run build` first. It runs itself inside scripts/with-keyring (a
// private keyring, never the login one) and xvfb-run (clipboard, browser).
//
// Groups (--only): get (get, peers, run), copy, import, list (list, index size), check (the keychain
// listing behind the drift check), ui (unlock, keystroke, heap), scan. A full run takes about 8-9 minutes on 2 cores; --quick under 1.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/core-helpers.mjs';
import { reexecInKeyring } from './lib/in-keyring.mjs';
import { dropStartUpVariables } from './lib/timed-env.mjs';

reexecInKeyring(import.meta.filename, 'bench');
const droppedVariables = dropStartUpVariables();

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = options.quick;
// A quick run is a check, not a result: it must not replace the committed full run's table.
const outDir = options.out ?? join(root, 'bench', quick ? 'quick' : '');
mkdirSync(outDir, { recursive: true });
const log = (line) => console.error(`bench: ${line}`);

const missing = ['out/cli/keystash.cjs', 'out/host/host.js', 'out/renderer/index.html'].filter((f) => !existsSync(join(root, f)));
if (missing.length > 0) {
  console.error(`bench: ${missing.join(', ')} missing. The bench builds nothing: run \`npm run build\` first.`);
  process.exit(1);
}

/**
 * Each group: how to measure it, with the full and the quick sizes. The short process figures get
 * 31 rounds: on a shared 2-core machine one process can take 1.5x another a second later, and the
 * median of 15 still moved by 0.2x between runs. Unlock to painted list gets 9 runs (each on a fresh
 * vault): five of them spread from 250 to 380 ms in one run.
 */
const GROUPS = {
  get: async () => (await import('./figures/cli-get.mjs')).measureCliGet({ rounds: quick ? 5 : 31, log }),
  copy: async () => (await import('./figures/copy.mjs')).measureCopy({ rounds: quick ? 5 : 31, log }),
  import: async () => (await import('./figures/import.mjs')).measureImport({ sizes: quick ? [100] : [100, 1000], rounds: quick ? 1 : 3, roundsAt1000: 3, log }),
  list: async () => (await import('./figures/list.mjs')).measureList({ keys: 10_000, rounds: quick ? 3 : 15, log }),
  check: async () => (await import('./figures/keychain-check.mjs')).measureKeychainCheck({ entries: quick ? 100 : 500, rounds: quick ? 3 : 9, log }),
  ui: async () => {
    const { measureUi, uiFigures } = await import('./figures/ui.mjs');
    return uiFigures(await measureUi({ runs: quick ? 2 : 9, keys: 10_000, log }));
  },
  scan: async () => (await import('./figures/scan.mjs')).measureScan({ files: quick ? 2_000 : 10_000, rounds: quick ? 1 : 3, log }),
};

const selected = options.only ? options.only.split(',').map((s) => s.trim()) : Object.keys(GROUPS);
const unknown = selected.filter((name) => !GROUPS[name]);
if (unknown.length > 0) {
  console.error(`bench: unknown group ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}

const { keptEvidence, machine, markdownTable } = await import('./lib/report.mjs');
const started = performance.now();
const figures = [];
let failed = false;
for (const name of selected) {
  const groupStarted = performance.now();
  try {
    figures.push(...(await GROUPS[name]()));
  } catch (error) {
    failed = true;
    log(`${name} could not be measured: ${error instanceof Error ? error.message : error}`);
  }
  log(`${name} done in ${((performance.now() - groupStarted) / 1000).toFixed(0)} s`);
}

const results = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  seconds: (performance.now() - started) / 1000,
  machine: machine(),
  droppedVariables,
  figures,
};
const table = markdownTable(results);
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, 'RESULTS.md'), table + keptEvidence(join(outDir, 'RESULTS.md')));
console.log(`\n${table}`);
// A missed target is a finding, not a failure; only a figure that could not be measured fails the run.
process.exitCode = failed ? 1 : 0;
