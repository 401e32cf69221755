import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../detect/fake-token';
import type { FileChooser } from '../fs/file-chooser';
import { writePlantedTree } from '../scan/test-support/planted-tree';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { createDispatcher, typedDispatch, type TypedDispatch } from './dispatcher';

type Answers = { open?: string | null; save?: string | null; folder?: string | null };

/** A fake of the app's native dialogs (none exist in a test): answers what the test set a user would pick. */
function fakeNativeChooser(answers: Answers): FileChooser {
  return {
    typedPaths: false,
    chooseFileToOpen: () => Promise.resolve(answers.open ?? null),
    chooseFileToSave: () => Promise.resolve(answers.save ?? null),
    chooseFolder: () => Promise.resolve(answers.folder ?? null),
  };
}

const stripe = (seed: string) => `sk_${'live'}_${fakeToken('alnum', 24, seed)}`;

describe('window file workflows (staged import, export to file, staged scan) on the real keychain', () => {
  let t: TestVault;
  let folder: string;
  const answers: Answers = {};
  let window: TypedDispatch;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'keystash-transfer-'));
    t = await createTestVault({ fileChooser: fakeNativeChooser(answers) });
    await t.enrol();
    window = typedDispatch(createDispatcher(t.vault, 'window'));
  });
  afterAll(async () => {
    await t.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it('stages a .env file from the dialog, previews it without values, and commits the user’s choices', async () => {
    const old = stripe('old');
    const fresh = stripe('fresh');
    expect((await window('createKey', { name: 'stripe_key', secret: old })).ok).toBe(true);
    const path = join(folder, '.env');
    await writeFile(path, `STRIPE_KEY=${fresh}\nTOKEN=abc-123-def\nEMPTY=\n`);
    answers.open = path;

    const staged = await window('stageEnvImport', {});
    if (!staged.ok || !staged.value.preview) throw new Error('not staged');
    const { preview } = staged.value;
    expect(JSON.stringify(preview)).not.toContain(fresh);
    expect(preview.rows.map((r) => [r.variable, r.status, r.conflict?.name ?? null])).toEqual([
      ['STRIPE_KEY', 'import', 'stripe_key'],
      ['TOKEN', 'import', null],
      ['EMPTY', 'skipped', null],
    ]);
    expect(preview.rows[0]!.masked).toBe('sk_l*** (32 chars)');

    const report = await window('commitEnvImport', {
      stagingId: preview.stagingId,
      rows: [
        { row: 0, name: 'STRIPE_KEY', tags: ['prod'], onConflict: 'replace' },
        { row: 1, name: 'Service token', tags: ['svc'], onConflict: 'skip' },
      ],
    });
    expect(report).toMatchObject({ ok: true, value: { created: 1, replaced: 1 } });
    expect(await t.vault.readSecret({ name: 'stripe_key' })).toEqual({ value: fresh });
    expect((await window('getKey', { key: { name: 'Service token' } })).ok && (await t.vault.keys.find({ name: 'Service token' })).tags).toEqual(['svc']);
    // Used once: the staged values are gone.
    expect(await window('commitEnvImport', { stagingId: preview.stagingId, rows: [{ row: 1, name: 'Again', tags: [], onConflict: 'skip' }] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a row the preview said cannot be imported, writing nothing', async () => {
    answers.open = join(folder, '.env');
    const staged = await window('stageEnvImport', {});
    if (!staged.ok || !staged.value.preview) throw new Error('not staged');
    const before = (await t.vault.keys.all()).length;
    const result = await window('commitEnvImport', { stagingId: staged.value.preview.stagingId, rows: [{ row: 2, name: 'EMPTY', tags: [], onConflict: 'skip' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Row 3 of the preview cannot be imported.' } });
    expect((await t.vault.keys.all()).length).toBe(before);
  });

  it('never takes a path or a file from the window when the host has native dialogs', async () => {
    expect(await window('stageEnvImport', { file: { name: '.env', text: 'A=b' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await window('scanFolder', { path: folder })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await window('chooseExportFile', { format: 'dotenv', path: join(folder, 'x.env') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers null when the user cancels a dialog', async () => {
    answers.open = null;
    expect(await window('stageEnvImport', {})).toEqual({ ok: true, value: { preview: null } });
  });

  it('exports to the picked file, 0600, and inside a git work tree only after Save anyway', async () => {
    const out = join(folder, 'out.env');
    answers.save = out;
    const chosen = await window('chooseExportFile', { format: 'dotenv' });
    if (!chosen.ok || !chosen.value.target) throw new Error('not chosen');
    expect(chosen.value.target.unignoredWorkTree).toBeNull();
    const written = await window('exportToFile', { targetId: chosen.value.target.targetId, keys: [{ name: 'stripe_key' }], format: 'dotenv' });
    expect(written).toEqual({ ok: true, value: { path: out, count: 1 } });
    expect(await readFile(out, 'utf8')).toMatch(/^STRIPE_KEY=sk_live_/) // the import gave the key its variable;
    expect((await stat(out)).mode & 0o777).toBe(0o600);

    const repo = join(folder, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    answers.save = join(repo, 'keys.json');
    const tracked = await window('chooseExportFile', { format: 'json' });
    if (!tracked.ok || !tracked.value.target) throw new Error('not chosen');
    expect(tracked.value.target.unignoredWorkTree).toBe(repo);
    const args = { targetId: tracked.value.target.targetId, keys: [{ name: 'stripe_key' }], format: 'json' as const };
    const refused = await window('exportToFile', args);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toContain('git does not ignore it');
    await expect(stat(join(repo, 'keys.json'))).rejects.toThrow();
    expect(await window('exportToFile', { ...args, allowTracked: true })).toMatchObject({ ok: true });
    await t.vault.settle(); // the export's audit line is written after the reply
    const audit = await t.vault.audit.readAll();
    expect(audit.filter((e) => e.event === 'export').length).toBeGreaterThanOrEqual(2);
  });

  it('scans a folder, groups findings by file without values, and imports one key per distinct value', async () => {
    const project = join(folder, 'project');
    const tree = await writePlantedTree(project);
    answers.folder = project;
    const scanned = await window('scanFolder', {});
    if (!scanned.ok || !scanned.value.scan) throw new Error('not scanned');
    const { scan } = scanned.value;
    const text = JSON.stringify(scan);
    for (const { value } of tree.planted) expect(text).not.toContain(value);
    const fingerprints = [...new Set(scan.files.flatMap((f) => f.findings.map((x) => x.fingerprint)))];
    expect(fingerprints.length).toBe(scan.distinct);

    const imported = await window('importScanFindings', { stagingId: scan.stagingId, fingerprints, tags: ['scanned'] });
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.created).toBe(scan.distinct);
    const first = imported.value.keys[0]!;
    expect(first.reference).toMatch(/^keystash:\/\//);
    expect((await t.vault.keys.find({ id: first.id! })).notes).toContain('Imported by keystash scan');

    // Scanning again finds the same values: each points at the key stored the first time.
    const keysBefore = (await t.vault.keys.all()).length;
    const rescanned = await window('scanFolder', {});
    if (!rescanned.ok || !rescanned.value.scan) throw new Error('not scanned');
    const again = await window('importScanFindings', { stagingId: rescanned.value.scan.stagingId, fingerprints: rescanned.value.scan.files.flatMap((f) => f.findings.map((x) => x.fingerprint)) });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ created: 0, existing: scan.distinct, skipped: 0, failed: 0 });
    expect(again.value.keys.every((k) => k.status === 'existing')).toBe(true);
    expect(new Set(again.value.keys.map((k) => k.id))).toEqual(new Set(imported.value.keys.map((k) => k.id)));
    expect((await t.vault.keys.all()).length).toBe(keysBefore);
  });

  it('drops everything staged on lock', async () => {
    answers.open = join(folder, '.env');
    expect((await window('stageEnvImport', {})).ok).toBe(true);
    expect(t.vault.staging.size).toBeGreaterThan(0);
    await t.vault.lock();
    expect(t.vault.staging.size).toBe(0);
  });
});
