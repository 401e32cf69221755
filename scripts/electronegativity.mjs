#!/usr/bin/env node
// Doyensec's electronegativity (the Electron security checklist as static checks) over the app's
// own code. `npm test` runs it as a suite (scripts/test.mjs); run it alone with
//
//   node scripts/electronegativity.mjs [--root DIR] [--report FILE]
//
// after `npm run build` (the built index.html is scanned for its CSP). It exits 1 when the scan
// fails: a finding of MEDIUM severity or above (whatever its confidence), a file it could not
// parse, or a suppression without a reason or that suppresses nothing.
//
// Why the programmatic API and not the CLI's output file: electronegativity exits 0 whatever it
// finds; its SARIF gives every result the level "warning" or "note" by whether it wants a manual
// review, not by severity, so "medium or above" cannot be read from it; and neither SARIF nor CSV
// records the files it failed to parse, which would pass as clean. The API returns the severity
// and the parse errors. --report writes what this script decided as JSON, for scripts/test.mjs.
//
// Suppressions are electronegativity's own inline comments, on the line of the finding, and here
// they must say why:   // eng-disable CHECK_ID: the reason, in words
// (its parser reads the check names up to the colon and ignores the rest). A comment on a file's
// first line would silence the whole file, so it is refused; HTML comments cannot carry a reason
// in electronegativity's syntax, so the HTML has none. Every suppression is audited: the code is
// scanned a second time with the comments neutralised, and each comment must account for a
// finding on its line.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

const { values: options } = parseArgs({
  options: {
    root: { type: 'string', default: resolve(dirname(fileURLToPath(import.meta.url)), '..') },
    report: { type: 'string' },
  },
});
const root = resolve(options.root);

/**
 * What is scanned, and why. Tests are left out: they are not shipped, and they build fake
 * BrowserWindows and handlers on purpose. The built main and preload bundles are not scanned:
 * they are .cjs files, which electronegativity does not read, and they hold the same code.
 */
const SCANNED = [
  { path: 'electron', why: 'main process and preload: window options, session handlers, IPC, openExternal' },
  { path: 'renderer', why: 'the page: its HTML and React code' },
  {
    path: 'out/renderer/index.html',
    why: 'the page as built: the build writes the CSP <meta> into it (electron.vite.config.ts); the source index.html has none',
    built: true,
  },
  { path: 'package.json', why: "the Electron version, and Electron flags in the npm scripts" },
];

const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;
/** The files electronegativity reads (its own filter: it skips .cjs and .mjs, for one). */
const READ_BY_SCANNER = /\.(jsx?|tsx?|html?)$|(^|\/)package\.json$/;

/** Checks not run, each with its reason (a suppression like any other). */
const EXCLUDED_CHECKS = [
  {
    name: 'AvailableSecurityFixesGlobalCheck',
    id: 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK',
    reason:
      "it downloads Electron's release list from GitHub while it runs, and this machine and CI reach only the npm registry; " +
      'for electron in devDependencies, where it belongs, it reports at INFORMATIONAL anyway. Electron updates are npm outdated\'s job.',
  },
];

const SEVERITY_GATE = 2; // electronegativity's MEDIUM; HIGH is 3
const REASON_MIN_LENGTH = 20;
const SUPPRESSION = /eng-disable\b(.*)$/;
const WELL_FORMED = /^\s+((?:[A-Z][A-Z0-9_]*_CHECK)(?:[ \t]+[A-Z][A-Z0-9_]*_CHECK)*)[ \t]*:[ \t]*(.*?)\s*(?:\*\/.*)?$/;

/**
 * electronegativity, loaded offline. Besides the excluded check above, it downloads message
 * translations from GitHub on every run (with `got`); here that fails after a DNS timeout of
 * about three seconds a scan. Its `got` is replaced by one that fails at once, so the scan never
 * reaches for the network and English messages are used, as they would be after that timeout.
 */
function loadElectronegativity() {
  const scannerPath = require.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(scannerPath).resolve('got');
  const offline = () => Promise.reject(new Error('no network access for electronegativity'));
  offline.head = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: { __esModule: true, default: offline } };
  const run = require(scannerPath);
  return async (options) => {
    // Its note on the failed download is expected here, and would read like a failure in the log.
    const log = console.log;
    console.log = (...args) => {
      if (args[0] !== 'Could not retrieve updated translations for the current locale') log(...args);
    };
    try {
      return await run(options);
    } finally {
      console.log = log;
    }
  };
}

/** The installed electron package's version: the Electron the app is built against. */
function electronVersion() {
  return require('electron/package.json').version;
}

/** Copies what SCANNED names into a fresh folder, keeping relative paths, so one scan sees it all. */
function stage() {
  const folder = mkdtempSync(join(tmpdir(), 'keystash-electronegativity-'));
  const missing = [];
  for (const { path, built } of SCANNED) {
    const from = join(root, path);
    if (!existsSync(from)) {
      missing.push(built ? `${path} (run npm run build first)` : path);
      continue;
    }
    cpSync(from, join(folder, path), { recursive: true, filter: (source) => !TEST_FILE.test(source) });
  }
  if (missing.length > 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`nothing to scan at ${missing.join(', ')}`);
  }
  return folder;
}

function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every eng-disable comment in the staged files, parsed, with what is wrong with it. */
function findSuppressions(folder) {
  const found = [];
  for (const file of filesUnder(folder)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const match = SUPPRESSION.exec(text);
      if (!match) return;
      const where = { file: relative(folder, file).split(sep).join('/'), line: index + 1 };
      const parsed = WELL_FORMED.exec(match[1] ?? '');
      const ids = parsed ? parsed[1].split(/[ \t]+/) : [];
      const reason = parsed ? parsed[2] : '';
      let problem = null;
      if (!parsed) problem = 'not of the form "eng-disable CHECK_ID: reason"';
      else if (reason.length < REASON_MIN_LENGTH) problem = `its reason is missing or shorter than ${REASON_MIN_LENGTH} characters`;
      else if (index === 0) problem = 'on the first line it would silence the whole file';
      found.push({ ...where, ids, reason, problem });
    });
  }
  return found;
}

/** Rewrites every eng-disable so electronegativity no longer honours it (same length, same lines). */
function neutraliseSuppressions(folder) {
  for (const file of filesUnder(folder)) {
    const text = readFileSync(file, 'utf8');
    if (text.includes('eng-disable')) writeFileSync(file, text.replaceAll('eng-disable', 'eng-disabl_'));
  }
}

async function scan(electronegativity, folder, version) {
  const result = await electronegativity({
    input: folder,
    isRelative: true,
    // The option the runner reads; the README's `electronVersion` is ignored.
    electronVersionOverride: version,
    excludeFromScan: EXCLUDED_CHECKS.map((check) => check.name.toLowerCase()),
  });
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    gated: issue.severity.value >= SEVERITY_GATE,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    file: String(issue.file).split(sep).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    sample: issue.sample ?? null,
    description: issue.description,
  }));
  return {
    checks: result.globalChecks + result.atomicChecks,
    findings,
    // Tolerable errors are parser warnings on a file that was still checked.
    parseErrors: result.errors.filter((error) => !error.tolerable).map((error) => ({
      file: relative(folder, error.file).split(sep).join('/'),
      message: error.message,
    })),
  };
}

const key = (finding) => `${finding.id} ${finding.file}:${finding.line}`;

function audit(suppressions, everything, honoured) {
  const kept = new Set(honoured.findings.map(key));
  const silenced = everything.findings.filter((finding) => !kept.has(key(finding)));
  const problems = suppressions.filter((s) => s.problem).map((s) => ({ file: s.file, line: s.line, problem: s.problem }));
  for (const suppression of suppressions.filter((s) => !s.problem)) {
    for (const id of suppression.ids) {
      const used = silenced.some((f) => f.id === id && f.file === suppression.file && f.line === suppression.line);
      if (!used) problems.push({ file: suppression.file, line: suppression.line, problem: `${id} suppresses nothing on this line` });
    }
  }
  const suppressed = silenced.map((finding) => ({
    ...finding,
    reason: suppressions.find((s) => s.file === finding.file && s.line === finding.line && s.ids.includes(finding.id))?.reason ?? null,
  }));
  return { suppressed, problems };
}

function print(report) {
  const location = (f) => `${f.file}${f.line ? `:${f.line}` : ''}`;
  console.log(`electronegativity: ${report.checks} checks (Electron ${report.electronVersion}) over ${report.files} files`);
  for (const { path, why } of SCANNED) console.log(`  scanned: ${path}: ${why}`);
  for (const check of report.excludedChecks) console.log(`  not run: ${check.id}: ${check.reason}`);
  for (const f of report.findings) {
    console.log(`  ${f.gated ? 'FAIL' : 'note'} ${f.severity}/${f.confidence} ${f.id} at ${location(f)}: ${f.description}`);
  }
  for (const f of report.suppressed) console.log(`  suppressed ${f.severity}/${f.confidence} ${f.id} at ${location(f)}: ${f.reason}`);
  for (const e of report.parseErrors) console.log(`  FAIL could not parse ${e.file}: ${e.message}`);
  for (const p of report.suppressionProblems) console.log(`  FAIL suppression at ${p.file}:${p.line}: ${p.problem}`);
  const gated = report.findings.filter((f) => f.gated).length;
  console.log(
    `electronegativity: ${gated} finding(s) of MEDIUM or above, ${report.findings.length - gated} below, ` +
      `${report.suppressed.length} suppressed with a reason, ${report.parseErrors.length} unparsed file(s), ` +
      `${report.suppressionProblems.length} suppression problem(s)`,
  );
}

async function main() {
  // electronegativity picks its message language from LANG (and tries to download it).
  process.env.LANG = 'en-US';
  const version = electronVersion();
  const electronegativity = loadElectronegativity();
  const folder = stage();
  try {
    const suppressions = findSuppressions(folder);
    const honoured = await scan(electronegativity, folder, version);
    neutraliseSuppressions(folder);
    const everything = await scan(electronegativity, folder, version);
    const { suppressed, problems } = audit(suppressions, everything, honoured);
    const report = {
      electronVersion: version,
      scanned: SCANNED.map((s) => s.path),
      files: filesUnder(folder).filter((file) => READ_BY_SCANNER.test(file.split(sep).join('/'))).length,
      excludedChecks: EXCLUDED_CHECKS.map(({ id, reason }) => ({ id, reason })),
      checks: honoured.checks,
      findings: honoured.findings,
      suppressed,
      parseErrors: honoured.parseErrors,
      suppressionProblems: problems,
    };
    report.passed =
      report.findings.every((f) => !f.gated) && report.parseErrors.length === 0 && report.suppressionProblems.length === 0;
    print(report);
    if (options.report) {
      mkdirSync(dirname(resolve(options.report)), { recursive: true });
      writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
    }
    process.exitCode = report.passed ? 0 : 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`electronegativity: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
});
