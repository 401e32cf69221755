import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeToken } from '../../core/detect/fake-token';
import { writePlantedTree } from '../../core/scan/test-support/planted-tree';
import { expect, test } from '../fixtures';

test.use({ vaultState: 'enrolled' });
// The browser host takes typed paths and a file input; the app's native dialogs cannot be driven here.
test.skip(({ driver }) => driver === 'electron', 'native file dialogs: covered by electron/native-file-chooser.test.ts');
test.describe.configure({ timeout: 60_000 });

let folder = '';
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'keystash-e2e-files-'));
});
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

// Built at run time: no key-shaped literal in the source.
const stripeLive = (seed: string) => `sk_${'live'}_${fakeToken('alnum', 24, seed)}`;
const githubToken = (seed: string) => `ghp_${fakeToken('alnum', 36, seed)}`;

test('Import .env…: preview with a conflict, tags, progress, then the keys in the list', async ({ app }) => {
  const oldStripe = app.secrets.add(stripeLive('old'));
  await app.createKeyViaApi({ name: 'STRIPE_SECRET_KEY', secret: oldStripe, envVar: 'STRIPE_SECRET_KEY' });
  const newStripe = app.secrets.add(stripeLive('new'));
  const github = app.secrets.add(githubToken('import'));
  const services = Array.from({ length: 40 }, (_, i) => app.secrets.add(`service-token-${i}-${fakeToken('alnum', 20, `svc${i}`)}`));
  const env = [
    '# the app’s settings',
    `export STRIPE_SECRET_KEY="${newStripe}"`,
    `GITHUB_TOKEN=${github} # CI`,
    'EMPTY=',
    'ALREADY=keystash://Elsewhere',
    ...services.map((s, i) => `SERVICE_${i}_TOKEN='${s}'`),
  ].join('\n');

  await app.reload();
  await app.importEnv.chooseFile('.env', env);
  await expect(app.importEnv.row('STRIPE_SECRET_KEY')).toContainText('Exists');
  await expect(app.importEnv.row('STRIPE_SECRET_KEY')).toContainText('Stripe');
  await expect(app.importEnv.row('EMPTY')).toContainText('empty value');
  await expect(app.importEnv.row('ALREADY')).toContainText('already a keystash:// reference');
  await expect(app.importEnv.include('EMPTY')).toBeDisabled();
  // A conflicting row starts unchecked; choosing Replace includes it.
  await expect(app.importEnv.include('STRIPE_SECRET_KEY')).not.toBeChecked();
  await app.importEnv.conflictChoice('STRIPE_SECRET_KEY').selectOption('replace');
  await expect(app.importEnv.include('STRIPE_SECRET_KEY')).toBeChecked();
  await app.importEnv.tags('GITHUB_TOKEN').fill('ci, github');
  await app.importEnv.tagsForAll.fill('my-app');
  await app.expectNoSecretInPage();
  await app.screenshot('import-env', 'preview');

  await app.importEnv.importButton().click();
  await expect(app.importEnv.progress).toBeVisible();
  await expect(app.page.getByRole('status').filter({ hasText: 'Imported 41 keys, 1 replaced' })).toBeVisible({ timeout: 30_000 });
  await expect(app.importEnv.dialog).toBeHidden();
  await app.main.tag('ci').click();
  await expect(app.main.rows).toHaveCount(1); // the filter applies after a round trip
  expect(await app.main.visibleNames()).toEqual(['GITHUB_TOKEN']);
  await app.main.select('GITHUB_TOKEN');
  await expect(app.detail.panel('GITHUB_TOKEN')).toContainText('my-app');
  const read = await app.api<{ value: string }>('revealKey', { key: { name: 'STRIPE_SECRET_KEY' } });
  expect(read.ok && read.value.value === newStripe).toBe(true);
  await app.expectNoSecretInPage();
  await app.screenshot('import-env', 'imported');
});

test('Import .env… says what is wrong with a file that has nothing to import', async ({ app }) => {
  await app.importEnv.chooseFile('empty.env', '# nothing here\nEMPTY=\n');
  await expect(app.importEnv.dialog).toContainText('Nothing in empty.env can be imported');
  await expect(app.importEnv.row('EMPTY')).toContainText('Line 2: empty value');
  await app.screenshot('import-env', 'nothing-to-import');
});

test('Export… writes a 0600 file, and warns before writing where git could commit it', async ({ app }) => {
  const value = app.secrets.add(githubToken('export'));
  await app.createKeyViaApi({ name: 'GitHub CI', secret: value, envVar: 'GITHUB_TOKEN' });
  await app.reload();

  const outside = join(folder, 'keys.env');
  await app.exportKeys.exportTo(outside, '.env file');
  await expect(app.page.getByRole('status').filter({ hasText: 'Exported 1 key' })).toBeVisible();
  expect(await readFile(outside, 'utf8')).toBe(`GITHUB_TOKEN=${value}\n`);
  expect((await stat(outside)).mode & 0o777).toBe(0o600);

  const repo = join(folder, 'repo');
  execFileSync('git', ['init', '-q', repo]);
  const tracked = join(repo, 'secrets.json');
  await app.exportKeys.exportTo(tracked, 'JSON object');
  await expect(app.exportKeys.dialog.getByRole('alert')).toContainText('git does not ignore it');
  await expect(stat(tracked)).rejects.toThrow();
  await app.screenshot('export', 'git-warning');
  await app.exportKeys.saveAnyway.click();
  await expect(app.exportKeys.dialog).toBeHidden();
  expect(JSON.parse(await readFile(tracked, 'utf8'))).toEqual({ GITHUB_TOKEN: value });
  await rm(outside);
  await rm(tracked);
});

test('Scan a folder…: findings by file, Import selected, and each reference ready to copy', async ({ app }) => {
  const project = join(folder, 'project');
  const tree = await writePlantedTree(project);
  for (const { value } of [...tree.planted, ...tree.hidden]) app.secrets.add(value);
  await app.scan.open.click();
  await app.scan.folder.fill(project);
  await app.scan.scan.click();
  const first = tree.planted[0]!;
  await expect(app.scan.file(first.path)).toBeVisible({ timeout: 20_000 });
  await app.expectNoSecretInPage();
  await app.screenshot('scan', 'findings');

  await app.scan.importSelected.click();
  await expect(app.page.getByRole('status').filter({ hasText: /^Imported \d+ keys/ })).toBeVisible({ timeout: 30_000 });
  const copy = app.scan.file(first.path).getByRole('button', { name: /^Copy reference for / }).first();
  await copy.click();
  await expect.poll(() => app.readClipboard()).toMatch(/^keystash:\/\/\S+$/);
  await app.expectNoSecretInPage();
  await app.screenshot('scan', 'imported');
});

test('Scan a folder… with nothing in it says so', async ({ app }) => {
  await writeFile(join(folder, 'README.md'), '# Nothing secret\n');
  await app.scan.open.click();
  await app.scan.folder.fill(folder);
  await app.scan.scan.click();
  await expect(app.scan.view).toContainText('No hard-coded keys');
  await app.screenshot('scan', 'nothing-found');
});

test('Copy reference in the detail panel puts keystash://NAME on the clipboard', async ({ app }) => {
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add(stripeLive('ref')) });
  await app.reload();
  await app.main.select('Stripe live');
  await app.detail.panel('Stripe live').getByRole('button', { name: 'Copy reference' }).click();
  await expect.poll(() => app.readClipboard()).toBe('keystash://Stripe%20live');
  await expect(app.page.getByRole('status').filter({ hasText: 'Copied keystash://Stripe%20live' })).toBeVisible();
  await app.screenshot('reference', 'detail');
});
