#!/usr/bin/env node
// `npm run measure:ui`: the window's figures alone (unlock to painted list, search keystroke to
// painted result, renderer heap), with a detailed report. The measuring lives in bench/figures/ui.mjs,
// which `npm run bench` also runs. It builds nothing: run `npm run build` first. It wraps itself in
// scripts/with-keyring and xvfb-run unless it already runs inside them (KEYSTASH_IN_KEYRING=1).
//
// Options:
//   --runs N          unlock runs, each on a fresh vault (default 5)
//   --keys N          keys to seed (default 10000)
//   --headed          show the window (under Xvfb) instead of headless Chromium
//   --profile DIR     also write Chrome traces and CPU profiles (page and host) to DIR; the
//                     figures of a profiled run are inflated by the profiler
//   --json FILE       also write the figures as JSON
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reexecInKeyring } from '../bench/lib/in-keyring.mjs';

reexecInKeyring(import.meta.filename, 'measure-ui');

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    keys: { type: 'string', default: '10000' },
    headed: { type: 'boolean', default: false },
    profile: { type: 'string' },
    json: { type: 'string' },
  },
});
const { measureUi, printUiReport } = await import('../bench/figures/ui.mjs');
const results = await measureUi({ runs: Number(options.runs), keys: Number(options.keys), headed: options.headed, profileDir: options.profile });
printUiReport(results);
if (options.json) writeFileSync(resolve(options.json), `${JSON.stringify(results, null, 2)}\n`);
