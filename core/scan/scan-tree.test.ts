import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeToken as t } from '../detect/fake-token';
import { maskSecret } from '../detect/mask';
import { RULES } from '../detect/rules';
import { isVaultError } from '../errors';
import { scanTree, type ScanOutcome, type ScanProgress } from './scan-tree';
import { writePlantedTree, type PlantedTree } from './test-support/planted-tree';
import { useTempFolders } from './test-support/temp-folders';

const tempFolder = useTempFolders('keystash-scan-');

describe('scanTree on the planted tree', () => {
  let tree: PlantedTree;
  let outcome: ScanOutcome;
  const progress: ScanProgress[] = [];

  beforeAll(async () => {
    const root = await tempFolder();
    tree = await writePlantedTree(root);
    outcome = await scanTree(root, { onProgress: (p) => progress.push(p) });
  });

  const valueOf = (fingerprint: string) => outcome.secrets.get(fingerprint);

  it('plants a key for every rule', () => {
    const plantedRules = new Set(tree.planted.map((p) => p.ruleId));
    expect(RULES.map((r) => r.id).filter((id) => !plantedRules.has(id))).toEqual([]);
  });

  it('finds every planted key, by the right rule, and nothing else: precision 1, recall 1', () => {
    const { findings } = outcome.report;
    const isPlanted = (f: (typeof findings)[number]) =>
      tree.planted.some((p) => p.path === f.path && p.ruleId === f.ruleId && p.value === valueOf(f.fingerprint));
    const truePositives = findings.filter(isPlanted);
    const falsePositives = findings.filter((f) => !isPlanted(f));
    const missed = tree.planted.filter(
      (p) => !findings.some((f) => f.path === p.path && f.ruleId === p.ruleId && valueOf(f.fingerprint) === p.value),
    );
    const precision = truePositives.length / (truePositives.length + falsePositives.length);
    const recall = (tree.planted.length - missed.length) / tree.planted.length;
    console.log(
      `scanner quality on the planted tree: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
        `(${tree.planted.length} planted keys for ${RULES.length} rules, ${truePositives.length} true positives, ` +
        `${falsePositives.length} false positives, ${missed.length} missed; ${tree.hidden.length} hidden keys, ` +
        `${tree.decoyFiles.length} decoy files)`,
    );
    expect(falsePositives.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.masked}`)).toEqual([]);
    expect(missed.map((p) => `${p.path} ${p.ruleId} ${maskSecret(p.value)}`)).toEqual([]);
    expect(precision).toBe(1);
    expect(recall).toBe(1);
  });

  it('reports nothing that is ignored, vendored, a lock file, binary or too large', () => {
    const found = new Set(outcome.report.findings.map((f) => valueOf(f.fingerprint)));
    for (const hidden of tree.hidden) expect(found.has(hidden.value), `${hidden.path} (${hidden.why})`).toBe(false);
    const paths = new Set(outcome.report.findings.map((f) => f.path));
    for (const path of tree.decoyFiles) expect(paths.has(path), path).toBe(false);
  });

  it('counts what it skipped, and names the ignored .env file', () => {
    const { stats, ignoredEnvFiles } = outcome.report;
    expect(stats.skipped).toEqual({
      ignored: 7, // secrets.local.ts, .env.local, build/, debug.log, sub/local-dev.json, fixtures/, scratch.txt
      skippedFolders: 2, // .git, node_modules
      lockFiles: 1,
      binary: 2, // font.woff2 by its extension, cache.blob by its NUL byte
      symlinks: 0,
      unreadable: 0,
      tooLarge: 1,
    });
    expect(ignoredEnvFiles).toEqual(['.env.local']);
    expect(stats.filesScanned).toBeGreaterThan(15);
  });

  it('masks values and keeps them out of the report', () => {
    for (const f of outcome.report.findings) expect(f.masked).toBe(maskSecret(valueOf(f.fingerprint)!));
    const serialised = JSON.stringify(outcome);
    for (const p of tree.planted) expect(serialised.includes(p.value), `${p.ruleId} value in the report`).toBe(false);
    expect(JSON.parse(serialised).secrets).toBe('[secret values withheld]');
  });

  it('gives each finding its line and column', () => {
    const stripe = outcome.report.findings.find((f) => f.ruleId === 'stripe-secret-live');
    expect(stripe).toMatchObject({ path: '.env', line: 2, column: 19, envVar: 'STRIPE_SECRET_KEY', tag: 'live' });
    const pemInJson = outcome.report.findings.find((f) => f.path === 'service-account.json');
    expect(pemInJson).toMatchObject({ ruleId: 'private-key', line: 5, column: 19 });
  });

  it('reports progress up to the last file', () => {
    expect(progress[0]?.phase).toBe('listing');
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ phase: 'reading' });
    expect(last.filesDone).toBe(last.filesTotal);
  });
});

describe('scanTree', () => {
  const key = `ghp_${t('alnum', 36, 'scan-unit')}`;

  it('gives equal values one fingerprint within a scan, and a new one in the next scan', async () => {
    const root = await tempFolder();
    await writeFile(join(root, 'a.ts'), `const a = '${key}';\n`);
    await writeFile(join(root, 'b.ts'), `const b = '${key}';\n`);
    const first = await scanTree(root);
    const [a, b] = first.report.findings;
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(a!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const second = await scanTree(root);
    expect(second.report.findings[0]!.fingerprint).not.toBe(a!.fingerprint);
  });

  it('applies the ignore files above a subfolder of a work tree, as git does', async () => {
    const root = await tempFolder();
    await mkdir(join(root, '.git', 'info'), { recursive: true });
    await writeFile(join(root, '.git', 'info', 'exclude'), 'excluded.ts\n');
    await writeFile(join(root, '.gitignore'), '*.local.ts\n');
    await mkdir(join(root, 'app', 'src'), { recursive: true });
    await writeFile(join(root, 'app', '.gitignore'), 'generated/\n');
    await mkdir(join(root, 'app', 'src', 'generated'));
    for (const file of ['keys.local.ts', 'excluded.ts', 'generated/out.ts', 'kept.ts']) {
      await writeFile(join(root, 'app', 'src', file), `export const k = '${key}';\n`);
    }
    const { report } = await scanTree(join(root, 'app', 'src'));
    expect(report.findings.map((f) => f.path)).toEqual(['kept.ts']);
  });

  it('does not follow symbolic links', async () => {
    const outside = await tempFolder();
    await writeFile(join(outside, 'secret.ts'), `export const k = '${key}';\n`);
    const root = await tempFolder();
    await symlink(outside, join(root, 'linked-folder'));
    await symlink(join(outside, 'secret.ts'), join(root, 'linked-file.ts'));
    const { report } = await scanTree(root);
    expect(report.findings).toEqual([]);
    expect(report.stats.skipped.symlinks).toBe(2);
  });

  it('stops when aborted', async () => {
    const root = await tempFolder();
    await writeFile(join(root, 'a.ts'), 'nothing here\n');
    const controller = new AbortController();
    controller.abort();
    await expect(scanTree(root, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a path that is not a folder, naming it', async () => {
    const root = await tempFolder();
    await writeFile(join(root, 'file.txt'), 'x');
    for (const path of [join(root, 'missing'), join(root, 'file.txt')]) {
      const error = await scanTree(path).catch((e: unknown) => e);
      expect(isVaultError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain(path);
    }
  });
});
