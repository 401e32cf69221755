#!/usr/bin/env node
// Speed check for `keystash scan` (a script, not a timed test): generates a 10,000-file project
// in a temporary folder (source-like text of 1-16 KiB, some ignored, vendored and lock files, and
// 50 planted keys), runs the built CLI on it three times, and prints the times. The keys are made
// up at run time from a fixed alphabet; none is real.
//
//   node scripts/build-node.mjs && node scripts/bench-scan.mjs [FILES]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out/cli/keystash.js');
const fileCount = Number(process.argv[2] ?? 10_000);
const plantedCount = 50;

if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts/build-node.mjs')], { stdio: 'inherit' });

let seed = 0x2545f491;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const token = (alphabet, length) => Array.from({ length }, () => pick(alphabet)).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const WORDS = 'user account order invoice payment token config client server request response cache session key value item list map total count index route handler service'.split(' ');
const camel = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());
const LINES = [
  () => `export function ${camel()}(${pick(WORDS)}: string): number {`,
  () => `  const ${camel()} = await ${camel()}(${pick(WORDS)}, { retries: ${Math.floor(random() * 9)} });`,
  () => `  if (!${camel()}) throw new Error('${pick(WORDS)} ${pick(WORDS)} is missing');`,
  () => `  return ${camel()}.${camel()}?.length ?? 0;`,
  () => `}`,
  () => `// ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}: see docs/${pick(WORDS)}.md`,
  () => `import { ${camel()} } from './${pick(WORDS)}/${pick(WORDS)}';`,
  () => `const id = '${token('0123456789abcdef', 8)}-${token('0123456789abcdef', 4)}-4${token('0123456789abcdef', 3)}-a${token('0123456789abcdef', 3)}-${token('0123456789abcdef', 12)}';`,
  () => `  "${pick(WORDS)}": "${pick(WORDS)}-${Math.floor(random() * 1000)}",`,
];
const EXTENSIONS = ['ts', 'ts', 'ts', 'js', 'py', 'json', 'md', 'yaml', 'go', 'rb'];
const PLANTS = [
  () => `STRIPE_SECRET_KEY=sk_live_${token(ALNUM, 24)}`,
  () => `const token = 'ghp_${token(ALNUM, 36)}';`,
  () => `aws_access_key_id = AKIA${token('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  () => `DB_PASSWORD="${token(ALNUM, 24)}"`,
];

async function generate(dir) {
  const folders = Math.ceil(fileCount / 20);
  for (let f = 0; f < fileCount; f++) {
    const folder = `src/${pick(WORDS)}-${f % folders}`;
    const path = join(dir, folder, `${pick(WORDS)}-${f}.${pick(EXTENSIONS)}`);
    const lines = [];
    const target = 1024 + Math.floor(random() * 15 * 1024);
    let size = 0;
    while (size < target) {
      const line = pick(LINES)();
      lines.push(line);
      size += line.length + 1;
    }
    if (f % Math.floor(fileCount / plantedCount) === 0) lines.splice(Math.floor(lines.length / 2), 0, pick(PLANTS)());
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${lines.join('\n')}\n`);
  }
  // What a real project also has, and the scan must pass over: ignored output, dependencies, lock files.
  await writeFile(join(dir, '.gitignore'), 'dist/\n*.log\n');
  for (const folder of ['dist', 'node_modules/left-pad']) {
    await mkdir(join(dir, folder), { recursive: true });
    await writeFile(join(dir, folder, 'index.js'), `module.exports = 'sk_live_${token(ALNUM, 24)}';\n`);
  }
  await writeFile(join(dir, 'package-lock.json'), '{}\n');
}

const dir = await mkdtemp(join(tmpdir(), 'keystash-bench-scan-'));
try {
  const started = performance.now();
  await generate(dir);
  console.log(`generated ${fileCount.toLocaleString('en-US')} files in ${((performance.now() - started) / 1000).toFixed(1)} s under ${dir}`);
  for (let run = 1; run <= 3; run++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, [cli, 'scan', dir, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = (performance.now() - t0) / 1000;
    if (result.status !== 1) throw new Error(`keystash scan exited ${result.status}: ${result.stderr}`);
    const { stats, findings } = JSON.parse(result.stdout);
    console.log(
      `run ${run}: ${wall.toFixed(2)} s wall (scan ${(stats.durationMs / 1000).toFixed(2)} s), ` +
        `${stats.filesScanned.toLocaleString('en-US')} files, ${(stats.bytesScanned / 1024 / 1024).toFixed(0)} MiB, ` +
        `${Math.round(stats.filesScanned / wall).toLocaleString('en-US')} files/s, ${findings.length} findings (${plantedCount} planted)`,
    );
  }
} finally {
  if (!process.env.KEEP) await rm(dir, { recursive: true, force: true });
}
