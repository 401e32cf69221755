#!/usr/bin/env node
// `npm test`: every check the project has, in order, with one summary at the end.
//
//   1. typecheck (tsc -b) and lint (eslint): one test each, pass or fail
//   2. build (npm run build): one test
//   3. unit and integration tests: Vitest inside scripts/with-keyring and xvfb-run
//   4. end to end: Playwright inside scripts/with-keyring and xvfb-run (skipped while e2e/ has no specs)
//   5. further suites: see EXTRA_SUITES below
//
// Each step's output streams as it runs. A failing step does not stop the run, so the summary is
// always complete; a step that crashes (cannot start, dies by a signal, leaves no report) counts as
// one failure. The last line is exactly `N passed, M failed`, and the exit code is 1 when M > 0.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'keystash-test-'));

/** @typedef {{ passed: number, failed: number, skipped: number, note?: string, failures?: string[] }} Counts */

let interrupted = false;
process.on('SIGINT', () => {
  // The children got the same Ctrl-C; stop after the current step instead of starting the next.
  interrupted = true;
});

/** Runs a command with inherited stdio. Resolves with its exit code, or an error for a crash. */
function run(command, args, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => resolvePromise({ code: null, crash: `could not start ${command}: ${error.message}` }));
    child.on('close', (code, signal) =>
      resolvePromise(signal ? { code: null, crash: `${command} was killed by ${signal}` } : { code, crash: null }),
    );
  });
}

const onPath = (command) =>
  (process.env.PATH ?? '').split(delimiter).some((folder) => folder && existsSync(join(folder, command)));

/**
 * The wrapper for suites that need the keychain and a display: a private keyring (always) and a
 * virtual X server (when xvfb-run is installed; .ci/run installs it).
 */
function withKeyringAndDisplay(command, args) {
  const inDisplay = onPath('xvfb-run') ? ['xvfb-run', '-a', command, ...args] : [command, ...args];
  return [join(root, 'scripts', 'with-keyring'), inDisplay];
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A step that counts as one test: it passes when the command exits 0. */
async function singleCheck(command, args) {
  const { code, crash } = await run(command, args);
  if (crash) return { passed: 0, failed: 1, skipped: 0, note: crash };
  return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0, note: `exit code ${code}` };
}

async function vitestStep() {
  const report = join(scratch, 'vitest.json');
  const [command, args] = withKeyringAndDisplay(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    '--passWithNoTests',
  ]);
  const { code, crash } = await run(command, args);
  const json = readJson(report);
  if (crash || !json) {
    return { passed: 0, failed: 1, skipped: 0, note: crash ?? `no JSON report (exit code ${code})` };
  }
  const counts = {
    passed: json.numPassedTests ?? 0,
    failed: json.numFailedTests ?? 0,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
  // A file that fails to load (syntax error, throwing import) has no failed test, only a failed suite.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  counts.failed += brokenFiles.length;
  counts.failures = (json.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map((test) => `${relative(root, file.name)} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`),
  );
  if (brokenFiles.length > 0) {
    counts.note = `${brokenFiles.length} test file(s) failed to run: ${brokenFiles.map((f) => relative(root, f.name)).join(', ')}`;
  }
  // Unhandled errors fail the run without failing any one test.
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.note = `vitest exited with code ${code} though no test failed (unhandled error?)`;
  }
  return counts;
}

/** The first non-empty line of an error message, without terminal colours, for the summary. */
function firstLine(message) {
  const plain = stripVTControlCharacters(String(message ?? ''));
  return (plain.split('\n').find((line) => line.trim() !== '') ?? '(no message)').trim().slice(0, 300);
}

/** Every test Playwright reports as unexpected, with its first error line. */
function playwrightFailures(json) {
  const failures = [];
  const visit = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.find((result) => result.error)?.error?.message;
        failures.push(`${[...path, spec.title].join(' > ')} [${test.projectName}]: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const suite of json.suites ?? []) visit(suite, [suite.title]);
  return failures;
}

function findSpecs(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

async function playwrightStep(buildPassed) {
  // Must match testMatch in playwright.config.ts.
  if (findSpecs(join(root, 'e2e', 'scenarios')).length === 0) {
    return { passed: 0, failed: 0, skipped: 0, note: 'skipped: no specs under e2e/scenarios yet' };
  }
  if (!buildPassed) {
    return { passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed, so there is no app to test' };
  }
  const report = join(scratch, 'playwright.json');
  const [command, args] = withKeyringAndDisplay(bin('playwright'), ['test']);
  const { code, crash } = await run(command, args, { PLAYWRIGHT_JSON_OUTPUT_FILE: report });
  const json = readJson(report);
  if (crash || !json?.stats) {
    return { passed: 0, failed: 1, skipped: 0, note: crash ?? `no JSON report (exit code ${code})` };
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = json.stats;
  const counts = { passed: expected + flaky, failed: unexpected, skipped, failures: playwrightFailures(json) };
  // Errors outside any test (a spec that does not load, a failing global setup).
  const globalErrors = (json.errors ?? []).length;
  if (globalErrors > 0) {
    counts.failed += globalErrors;
    counts.note = `${globalErrors} error(s) outside tests`;
  }
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.note = `playwright exited with code ${code} though no test failed`;
  }
  if (flaky > 0) counts.note = [counts.note, `${flaky} flaky`].filter(Boolean).join('; ');
  return counts;
}

// ---------------------------------------------------------------------------------------------
// EXTRA_SUITES: future suites go here (electronegativity, an electron-builder schema check, ...).
// Each entry is { name, run: async () => Counts }; it runs after the steps above, and its counts
// join the summary. `singleCheck(command, args)` turns a command into a one-test suite, e.g.:
//   { name: 'electronegativity', run: () => singleCheck(bin('electronegativity'), ['-i', 'out', '-o', join(scratch, 'en.sarif')]) },
// ---------------------------------------------------------------------------------------------
const EXTRA_SUITES = [{ name: 'electronegativity', run: electronegativityStep }];

/**
 * scripts/electronegativity.mjs: one test per electronegativity check, which passes when the check
 * has no finding of MEDIUM or above; one failure per such finding, per file it could not parse, and
 * per suppression without a reason or that suppresses nothing. It scans the built index.html (for the
 * CSP), so it needs the build.
 */
async function electronegativityStep() {
  if (build?.failed !== 0) {
    return { passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed, and the built index.html is scanned' };
  }
  const report = join(scratch, 'electronegativity.json');
  const { code, crash } = await run(process.execPath, [join(root, 'scripts', 'electronegativity.mjs'), '--report', report]);
  const json = readJson(report);
  if (crash || !json) return { passed: 0, failed: 1, skipped: 0, note: crash ?? `no report (exit code ${code})` };
  const gated = json.findings.filter((finding) => finding.gated);
  const failingChecks = new Set(gated.map((finding) => finding.id)).size;
  const failed = gated.length + json.parseErrors.length + json.suppressionProblems.length;
  const counts = {
    passed: json.checks - failingChecks,
    failed,
    skipped: 0,
    note: `${json.checks} checks; ${gated.length} medium+ finding(s), ${json.suppressed.length} suppressed with a reason, ${json.findings.length - gated.length} below medium`,
  };
  if (code !== 0 && failed === 0) return { ...counts, failed: 1, note: `exit code ${code} though nothing failed` };
  return counts;
}

/** @type {{ name: string, counts: Counts, seconds: number }[]} */
const results = [];

async function step(name, title, body) {
  if (interrupted) {
    results.push({ name, counts: { passed: 0, failed: 0, skipped: 0, note: 'not run: interrupted' }, seconds: 0 });
    return null;
  }
  console.log(`\n=== ${name}: ${title} ===`);
  const started = Date.now();
  let counts;
  try {
    counts = await body();
  } catch (error) {
    counts = { passed: 0, failed: 1, skipped: 0, note: `crashed: ${error instanceof Error ? error.message : error}` };
  }
  results.push({ name, counts, seconds: (Date.now() - started) / 1000 });
  return counts;
}

await step('typecheck', 'tsc -b', () => singleCheck(bin('tsc'), ['-b']));
await step('lint', 'eslint .', () => singleCheck(bin('eslint'), ['.']));
const build = await step('build', 'npm run build', () => singleCheck('npm', ['run', '--silent', 'build']));
await step('unit', 'vitest (with-keyring, xvfb-run)', vitestStep);
await step('e2e', 'playwright (with-keyring, xvfb-run)', () => playwrightStep(build?.failed === 0));
for (const suite of EXTRA_SUITES) await step(suite.name, suite.name, suite.run);

rmSync(scratch, { recursive: true, force: true });

const total = results.reduce(
  (sum, { counts }) => ({
    passed: sum.passed + counts.passed,
    failed: sum.failed + counts.failed,
    skipped: sum.skipped + counts.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);

console.log('\n=== summary ===');
for (const { name, counts, seconds } of results) {
  const mark = counts.failed > 0 ? 'FAIL' : 'ok  ';
  const line = `${mark} ${name.padEnd(10)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${String(counts.skipped).padStart(3)} skipped  ${seconds.toFixed(1).padStart(6)} s`;
  console.log(counts.note ? `${line}  (${counts.note})` : line);
}
// CI shows only the tail of the output, so the names of failed tests are repeated here.
for (const { name, counts } of results) {
  for (const failure of counts.failures ?? []) console.log(`failed in ${name}: ${failure}`);
}
if (!onPath('xvfb-run')) console.log('note: xvfb-run was not found, so suites ran without a virtual display');
console.log(`${total.skipped} skipped`);
console.log(`${total.passed} passed, ${total.failed} failed`);

process.exitCode = interrupted ? 130 : total.failed > 0 ? 1 : 0;
