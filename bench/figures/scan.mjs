// `keystash scan` over a generated 10,000-file project against ripgrep over the same tree with the
// same patterns (the detectors' own regular expressions, through --pcre2), where rg is installed.
// The tree: source-like text of 1-16 KiB a file, some ignored, vendored and lock files, and 50
// planted keys, made up at run time from a fixed alphabet; none is real.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI } from '../lib/bench-vault.mjs';
import { loadCoreHelpers } from '../lib/core-helpers.mjs';
import { figure, notMeasured } from '../lib/figure.mjs';
import { onPath, runProcess } from '../lib/processes.mjs';
import { interleave } from '../lib/stats.mjs';

const plantedCount = 50;

export async function measureScan({ files, rounds, log }) {
  const title = `scanner: a generated ${files.toLocaleString('en')}-file tree`;
  const target = { text: '≤ 3×', ratio: 3 };
  if (!onPath('rg')) return [notMeasured({ id: 'scan', title, target, why: 'ripgrep (rg) not installed' })];
  const { RULES } = await loadCoreHelpers();
  // rg joins the patterns into one, so each rule's `secret` group needs (?J) (duplicate names), and
  // PCRE2 caps a {n,m} bound at 65535 where the PEM rule allows 65536 characters.
  const forPcre2 = (source) => `(?J)${source.replace(/\{(\d+),(\d+)\}/g, (_, n, m) => `{${n},${Math.min(Number(m), 65_535)}}`)}`;
  const patterns = RULES.flatMap((rule) => ['-e', forPcre2(rule.pattern.source)]);
  const dir = await mkdtemp(join(tmpdir(), 'keystash-bench-scan-'));
  try {
    const started = performance.now();
    await generate(dir, files);
    log(`scan: generated ${files.toLocaleString('en')} files in ${((performance.now() - started) / 1000).toFixed(1)} s; ${rounds} interleaved rounds`);
    let found = null;
    const s = await interleave(
      {
        keystash: async () => {
          const result = await runProcess(process.execPath, [CLI, 'scan', dir, '--json'], { expectCode: 1 });
          found = JSON.parse(result.stdout).findings.length;
          return result.ms;
        },
        rg: async () => (await runProcess('rg', ['--pcre2', '--count-matches', '--no-messages', ...patterns, dir], { expectCode: 0 })).ms,
      },
      { rounds },
    );
    return [
      figure({
        id: 'scan',
        title,
        samples: s.keystash,
        baseline: { label: 'ripgrep, same tree and patterns', samples: s.rg },
        target,
        notes: [`${found} findings (${plantedCount} planted); rg runs on every core, the scanner on one`],
      }),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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

async function generate(dir, fileCount) {
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

