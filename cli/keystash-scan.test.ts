import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakePem, fakeToken as t } from '../core/detect/fake-token';
import { writePlantedTree, type PlantedTree } from '../core/scan/test-support/planted-tree';
import { useTempFolders } from '../core/scan/test-support/temp-folders';
import { useCliSandbox, type Authenticator, type CliSandbox } from './test/cli-harness';
import { runInTerminal } from './test/terminal-session';

/** `keystash scan` through the built CLI; --import against the real keychain. */

const tempFolder = useTempFolders('keystash-scan-cli-');

const FINDING_LINE = /^(?<path>[^:\s]+):(?<line>\d+):(?<column>\d+) (?<rule>[a-z0-9-]+) (?<provider>.+) (?<masked>\S{1,4}\*\*\* \(\d+ chars\))$/;

describe('keystash scan, without a vault', () => {
  const currentSandbox = useCliSandbox();
  let sandbox: CliSandbox;
  let tree: PlantedTree;
  let root: string;

  beforeAll(async () => {
    sandbox = currentSandbox();
    root = await tempFolder();
    tree = await writePlantedTree(root);
  });

  it('lists every planted key as file:line:col rule provider masked, and exits 1', async () => {
    const scan = await sandbox.run(['scan', root]);
    expect(scan.code).toBe(1);
    const lines = scan.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(tree.planted.length);
    for (const line of lines) expect(line).toMatch(FINDING_LINE);
    const found = lines.map((line) => FINDING_LINE.exec(line)!.groups!).map((g) => `${g.path} ${g.rule}`).sort();
    expect(found).toEqual(tree.planted.map((p) => `${p.path} ${p.ruleId}`).sort());
    expect(lines).toContain('.env:2:19 stripe-secret-live Stripe sk_l*** (32 chars)');

    const files = new Set(tree.planted.map((p) => p.path)).size;
    const summary = `Found ${tree.planted.length} hard-coded keys (${tree.planted.length} distinct values) in ${files} files;`;
    expect(scan.stderr.split('\n')[0]).toMatch(new RegExp(`^${summary.replace(/[()]/g, '\\$&')} \\d+ files scanned in \\d+\\.\\d s\\.$`));
    expect(scan.stderr).toContain('Skipped: 7 ignored, 2 node_modules/.git folders, 1 lock file, 2 binary, 1 over 1 MiB.');
    expect(scan.stderr).toContain(`Not scanned, because ignore files hide them: .env.local. To move their keys into Keystash: keystash import ${root}/.env.local`);
    expect(scan.stderr).toContain(`keystash scan ${root} --import`);
    expect(scan.stderr).toContain(
      "printf '#!/bin/sh\\nexec keystash scan .\\n' > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit",
    );
  });

  it('prints JSON with masked values and per-scan fingerprints, never the values', async () => {
    const scan = await sandbox.run(['scan', root, '--json']);
    expect(scan.code).toBe(1);
    const report = JSON.parse(scan.stdout) as { root: string; findings: Record<string, unknown>[]; stats: { filesScanned: number } };
    expect(report.root).toBe(root);
    expect(report.findings).toHaveLength(tree.planted.length);
    expect(Object.keys(report.findings[0]!).sort()).toEqual(
      ['column', 'envVar', 'fingerprint', 'line', 'masked', 'path', 'provider', 'ruleId', 'tag'].sort(),
    );
    expect(report.stats.filesScanned).toBeGreaterThan(15);
    expect(scan.stderr).toBe('');
  });

  it('exits 0 on a clean folder and says so on stderr', async () => {
    const clean = await tempFolder();
    await writeFile(join(clean, 'index.ts'), "export const greeting = 'hello';\n");
    const scan = await sandbox.run(['scan', clean]);
    expect(scan.code).toBe(0);
    expect(scan.stdout).toBe('');
    expect(scan.stderr).toMatch(/^No hard-coded keys found \(1 file scanned in \d+\.\d s\)\.\n$/);
  });

  it('scans the current folder by default', async () => {
    const scan = await sandbox.run(['scan', '--json']);
    // The CLI's own working folder is the repository; only the exit code's meaning is checked here.
    expect([0, 1]).toContain(scan.code);
    expect(JSON.parse(scan.stdout).root).toBe(process.cwd());
  });

  it('answers bad usage with exit 2', async () => {
    const missing = await sandbox.run(['scan', join(root, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`keystash: There is no folder at ${join(root, 'no-such-folder')}.\n`);
    const file = await sandbox.run(['scan', join(root, '.env')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/is a file, not a folder/);
    const tagAlone = await sandbox.run(['scan', root, '--tag', 'x']);
    expect(tagAlone.code).toBe(2);
    expect(tagAlone.stderr).toBe('keystash: --tag applies only with --import.\n');
    const unknown = await sandbox.run(['scan', root, '--fix']);
    expect(unknown.code).toBe(2);
  });

  it('draws a progress bar on a terminal, and wipes it before the results', async () => {
    const run = await runInTerminal(sandbox, ['scan', root], []);
    expect(run.code).toBe(1);
    expect(run.screen).toMatch(/\rScanning \[#+\.*\] \d+\/\d+/);
    // Wiped with CR + "erase line" (ESC [2K) before the first finding is printed.
    // eslint-disable-next-line no-control-regex
    expect(run.screen).toMatch(/\r\x1b\[2K(?:\r\n)?\.env:2:19 stripe-secret-live/);
    for (const { value } of tree.planted) expect(run.screen.includes(value)).toBe(false);
  });

  it('needs no vault: nothing is created in the Keystash folder', async () => {
    expect(await readdir(sandbox.home)).toEqual([]);
  });

  it('never prints a found value, planted or hidden', () => {
    const printed = sandbox.printedOutsideGet();
    for (const { value, ruleId } of tree.planted) expect(printed.includes(value), ruleId).toBe(false);
    for (const { value, path } of tree.hidden) expect(printed.includes(value), path).toBe(false);
  });
});

describe('keystash scan --import', () => {
  let authenticator: Authenticator;
  const currentSandbox = useCliSandbox(async (s) => {
    ({ authenticator } = await s.enrol());
  });
  let sandbox: CliSandbox;
  let project: string;
  const stripe = `sk_live_${t('alnum', 24, 'cli-import-stripe')}`;
  const github = `ghp_${t('alnum', 36, 'cli-import-github')}`;
  const dbPassword = `${t('alnum', 22, 'cli-import-db')}!9`;
  const pem = fakePem('RSA PRIVATE KEY', 'cli-import-pem');
  const files: Record<string, string> = {
    '.env': `STRIPE_SECRET_KEY=${stripe}\nDB_PASSWORD="${dbPassword}"\n`,
    'src/config.ts': `export const config = {\n  region: 'eu-west-1',\n  stripe: '${stripe}',\n  github: '${github}',\n};\n`,
    'deploy/key.pem': `${pem}\n`,
  };

  type Listed = { name: string; envVar: string | null; provider: string | null; tags: string[]; notes: string };
  const listKeys = async () => (JSON.parse((await sandbox.ok(['list', '--json'])).stdout) as { keys: Listed[] }).keys;

  beforeAll(async () => {
    sandbox = currentSandbox();
    project = await tempFolder();
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(project, path, '..'), { recursive: true });
      await writeFile(join(project, path), content);
    }
  });

  it('refuses while locked without a code, before importing anything', async () => {
    await sandbox.ok(['lock']);
    const locked = await sandbox.run(['scan', project, '--import']);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toMatch(/Keystash is locked/);
  });

  it('stores each distinct value once, prints its reference, and leaves the files alone', async () => {
    const code = await authenticator.nextCode();
    const scan = await sandbox.run(['scan', project, '--import', '--tag', 'from-scan', '--code', code]);
    expect(scan.code).toBe(1); // the keys are still in the files until someone replaces them
    expect(scan.stdout).toContain('deploy/key.pem:1:1 private-key Private key ----*** (');
    expect(scan.stderr).toContain('Imported 4 keys. Put each reference where the value was (files were not changed):');
    expect(scan.stdout).toMatch(/^Stripe \(\.env\)\s+keystash:\/\/Stripe%20%28\.env%29\s+\.env:1:19, src\/config\.ts:3:12$/m);
    expect(scan.stdout).toMatch(/^GitHub \(src\/config\.ts\)\s+keystash:\/\/GitHub%20%28src%2Fconfig\.ts%29\s+src\/config\.ts:4:12$/m);

    const keys = await listKeys();
    const byName = Object.fromEntries(keys.map((k) => [k.name, k]));
    expect(Object.keys(byName).sort()).toEqual(['DB_PASSWORD (.env)', 'GitHub (src/config.ts)', 'Private key (deploy/key.pem)', 'Stripe (.env)']);
    expect(byName['Stripe (.env)']).toMatchObject({
      envVar: 'STRIPE_SECRET_KEY',
      provider: 'Stripe',
      tags: ['from-scan', 'live'],
      notes: 'Imported by keystash scan (rule stripe-secret-live): found in .env:1, src/config.ts:3.',
    });
    expect(byName['DB_PASSWORD (.env)']).toMatchObject({ envVar: 'DB_PASSWORD', provider: null, tags: ['from-scan'] });
    expect((await sandbox.ok(['get', 'Stripe (.env)'])).stdout).toBe(stripe);
    expect((await sandbox.ok(['get', 'DB_PASSWORD (.env)'])).stdout).toBe(dbPassword);
    expect((await sandbox.ok(['get', 'Private key (deploy/key.pem)'])).stdout).toBe(pem);

    for (const [path, content] of Object.entries(files)) expect(await readFile(join(project, path), 'utf8'), path).toBe(content);
  });

  it('a second scan points at the keys the first stored, and names a new value apart, in JSON', async () => {
    const rotated = `sk_live_${t('alnum', 24, 'cli-import-stripe-rotated')}`;
    await writeFile(join(project, '.env'), `STRIPE_SECRET_KEY=${rotated}\nDB_PASSWORD="${dbPassword}"\n`);
    try {
      const scan = await sandbox.run(['scan', project, '--import', '--json']);
      expect(scan.code).toBe(1);
      type Reported = { name: string; reference: string; locations: { path: string }[] };
      const report = JSON.parse(scan.stdout) as { imported: Reported[]; existing: Reported[]; failed: unknown[] };
      expect(report.failed).toEqual([]);
      // The rotated value in .env is new; "Stripe (.env)" is taken, so it gets " 2".
      expect(report.imported.map((k) => [k.name, k.reference])).toEqual([['Stripe (.env) 2', 'keystash://Stripe%20%28.env%29%202']]);
      expect(report.existing.map((k) => [k.name, k.locations.map((l) => l.path).join(',')])).toEqual([
        ['DB_PASSWORD (.env)', '.env'],
        ['Private key (deploy/key.pem)', 'deploy/key.pem'],
        ['Stripe (.env)', 'src/config.ts'],
        ['GitHub (src/config.ts)', 'src/config.ts'],
      ]);
      expect((await listKeys()).map((k) => k.name).sort()).toEqual([
        'DB_PASSWORD (.env)',
        'GitHub (src/config.ts)',
        'Private key (deploy/key.pem)',
        'Stripe (.env)',
        'Stripe (.env) 2',
      ]);
      expect((await sandbox.ok(['get', 'Stripe (.env) 2'])).stdout).toBe(rotated);

      const again = await sandbox.run(['scan', project, '--import']);
      expect(again.stderr).toContain('Already in Keystash, so not stored again: 5 values. Their references:');
      expect(again.stderr).not.toContain('Imported');
      expect(again.stdout).not.toContain(rotated);
    } finally {
      await writeFile(join(project, '.env'), files['.env']!);
    }
  });

  it('refuses a bad --tag before scanning', async () => {
    const bad = await sandbox.run(['scan', project, '--import', '--tag', 'a,b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('keystash: --tag: A tag cannot contain a comma.\n');
  });

  it('imports a key for every rule from the planted tree', async () => {
    const root = await tempFolder();
    const tree = await writePlantedTree(root);
    const scan = await sandbox.run(['scan', root, '--import', '--tag', 'planted', '--json']);
    expect(scan.code).toBe(1);
    const report = JSON.parse(scan.stdout) as { imported: { name: string }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(new Set(tree.planted.map((p) => p.value)).size);
    const planted = (await listKeys()).filter((k) => k.tags.includes('planted'));
    expect(planted).toHaveLength(report.imported.length);
    const gcp = tree.planted.find((p) => p.path === 'service-account.json')!;
    expect((await sandbox.ok(['get', 'Private key (service-account.json)'])).stdout).toBe(gcp.value);
  });

  it('never prints a found value outside `get`', () => {
    const printed = sandbox.printedOutsideGet();
    for (const value of [stripe, github, dbPassword, pem]) expect(printed.includes(value)).toBe(false);
  });
});
