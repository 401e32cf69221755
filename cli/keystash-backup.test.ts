import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarKeychain } from '../core/keychain/keytar-keychain';
import { CliSandbox, grepFolder, ROOT, useCliSandbox } from './test/cli-harness';
import { ENTER, runInTerminal } from './test/terminal-session';
import { startCli } from './test/run-cli';

const run = promisify(execFile);

const PASSPHRASE = 'lantern-quartz harbour 1987';
const PEM = ['-----BEGIN PRIVATE KEY-----', ...Array.from({ length: 12 }, () => randomBytes(48).toString('base64')), '-----END PRIVATE KEY-----'].join('\n');
const VALUES: Record<string, string> = {
  'Stripe live': `sk_live_FAKE${randomBytes(20).toString('hex')}`,
  'Deploy key': PEM,
  'Big blob': randomBytes(48 * 1024).toString('base64'), // 64 KiB, the most a value may be
  'Ключ 🔑 مفتاح': `unicode-FAKE-${randomBytes(12).toString('hex')}`,
};
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * The index file, every key as `list` shows it, and a digest of every value read straight from the
 * keychain (a `get` would itself write lastUsedAt): what "nothing changed" compares.
 */
async function vaultState(sandbox: CliSandbox): Promise<{ index: string; keys: unknown[]; values: Record<string, string | null> }> {
  const index = digest(await readFile(join(sandbox.home, 'index.json.enc'), 'latin1'));
  const { keys } = JSON.parse((await sandbox.ok(['list', '--json'])).stdout) as { keys: { id: string; name: string }[] };
  const keychain = createKeytarKeychain(sandbox.service);
  const values: Record<string, string | null> = {};
  for (const key of keys) {
    const value = await keychain.get(`key:${key.id}`);
    values[key.name] = value === null ? null : digest(value);
  }
  return { index, keys, values };
}

const withPassphrase = (passphrase = PASSPHRASE) => ({ input: `${passphrase}\n` });

/** The fenced block of a language in README's backup section. */
async function readmeSnippet(language: 'js' | 'python'): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Backup file format'));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  if (!match?.[1]) throw new Error(`README has no ${language} snippet in "Backup file format"`);
  return match[1];
}

describe('keystash backup and restore', () => {
  const currentSource = useCliSandbox(async (s) => {
    await s.enrol();
    await s.ok(['add', 'Stripe live', '--tag', 'Prod', '--tag', 'payments', '--notes', 'billing\nsecond line', '--provider', 'Stripe', '--env-var', 'STRIPE_API_KEY'], {
      input: VALUES['Stripe live'],
    });
    await s.ok(['edit', 'Stripe live', '--url', 'https://dashboard.stripe.com/apikeys', '--rotate-every', '90', '--expires', '2027-01-31']);
    await s.ok(['add', 'Deploy key', '--tag', 'ci'], { input: `${PEM}\n` });
    await s.ok(['add', 'Big blob'], { input: VALUES['Big blob']! });
    await s.ok(['add', 'Ключ 🔑 مفتاح', '--env-var', 'UNICODE_KEY'], { input: VALUES['Ключ 🔑 مفتاح']! });
    await s.ok(['settings', '--auto-lock', '42', '--clipboard-clear', '0']);
  });
  let source: CliSandbox;
  let target: CliSandbox;
  let folder: string;
  let backupFile: string;
  let sourceKeys: unknown[];

  beforeAll(async () => {
    source = currentSource();
    // Before any `get`, which would set lastUsedAt in the source.
    sourceKeys = (JSON.parse((await source.ok(['list', '--json'])).stdout) as { keys: unknown[] }).keys;
    target = await CliSandbox.create();
    await target.enrol();
    folder = await mkdtemp(join(tmpdir(), 'keystash-backups-'));
    backupFile = join(folder, 'vault.backup');
  }, 60_000);
  afterAll(async () => {
    await target?.cleanup();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('writes the backup 0600 with the documented header, from a passphrase on stdin', async () => {
    const result = await source.ok(['backup', '-o', backupFile, '--passphrase-stdin'], withPassphrase());
    expect(result.stderr).toBe(
      `Backed up 4 keys to ${backupFile} (readable only by you). Without the passphrase it cannot be restored, so keep the passphrase somewhere other than the backup.\n`,
    );
    expect(result.stdout).toBe('');
    expect((await stat(backupFile)).mode & 0o777).toBe(0o600);
    const envelope = JSON.parse(await readFile(backupFile, 'utf8')) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      format: 'keystash-backup',
      version: 1,
      kdf: { name: 'scrypt', N: 131072, r: 8, p: 1, dkLen: 32 },
      cipher: { name: 'AES-256-GCM' },
    });
    const audit = JSON.parse((await source.ok(['audit', '--event', 'backup', '--json'])).stdout) as { entries: { detail: unknown }[] };
    expect(audit.entries.map((e) => e.detail)).toEqual([{ keys: 4 }]);
  });

  it('refuses an existing file without --force, a short passphrase and a second line on stdin; writes nothing', async () => {
    const before = await readFile(backupFile, 'utf8');
    const exists = await source.run(['backup', '-o', backupFile, '--passphrase-stdin'], withPassphrase());
    expect([exists.code, exists.stderr]).toEqual([2, `keystash: ${backupFile} already exists; pass --force to overwrite it.\n`]);
    expect(await readFile(backupFile, 'utf8')).toBe(before);

    const fresh = join(folder, 'refused.backup');
    const short = await source.run(['backup', '-o', fresh, '--passphrase-stdin'], withPassphrase('11 chars ok'));
    expect([short.code, short.stderr]).toEqual([2, 'keystash: The passphrase must be at least 12 characters. Nothing was written.\n']);
    const twoLines = await source.run(['backup', '-o', fresh, '--passphrase-stdin'], { input: `${PASSPHRASE}\nmore\n` });
    expect([twoLines.code, twoLines.stderr]).toEqual([2, 'keystash: --passphrase-stdin reads one line, but stdin held more than one.\n']);
    const noTerminal = await source.run(['backup', '-o', fresh]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toMatch(/no terminal to ask for the passphrase.*--passphrase-stdin/);
    const noFolder = await source.run(['backup', '-o', join(folder, 'missing', 'x.backup'), '--passphrase-stdin'], withPassphrase());
    expect([noFolder.code, noFolder.stderr]).toEqual([2, `keystash: The folder ${join(folder, 'missing')} does not exist.\n`]);
    await expect(stat(fresh)).rejects.toMatchObject({ code: 'ENOENT' });

    const forced = await source.run(['backup', '-o', backupFile, '--force', '--passphrase-stdin'], withPassphrase());
    expect(forced.code).toBe(0);
    expect(await readFile(backupFile, 'utf8')).not.toBe(before); // a fresh salt and IV each time
  });

  it('refuses to write where git would commit the file, unless --allow-tracked', async () => {
    const repo = join(folder, 'repo');
    await mkdir(repo);
    await run('git', ['init', '-q', repo]);
    const inRepo = join(repo, 'vault.backup');
    const refused = await source.run(['backup', '-o', inRepo, '--passphrase-stdin'], withPassphrase());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`is inside the git work tree ${repo} and git does not ignore it`);
    await expect(stat(inRepo)).rejects.toMatchObject({ code: 'ENOENT' });
    await source.ok(['backup', '-o', inRepo, '--allow-tracked', '--passphrase-stdin'], withPassphrase());
  });

  it('restores into a fresh vault: every key, field, id, setting and value equal', async () => {
    const restored = await target.ok(['restore', backupFile, '--settings', '--passphrase-stdin'], withPassphrase());
    expect(restored.stderr).toMatch(/^Restored .*vault\.backup \(backup of \d{4}-\d\d-\d\d \d\d:\d\d UTC\): 4 restored, 0 replaced, 0 renamed, 0 skipped, settings restored\.\n$/);
    const targetKeys = (JSON.parse((await target.ok(['list', '--json'])).stdout) as { keys: unknown[] }).keys;
    expect(targetKeys).toEqual(sourceKeys);
    for (const [name, value] of Object.entries(VALUES)) {
      const got = (await target.ok(['get', name])).stdout;
      expect(got === value, `value of ${name}`).toBe(true);
    }
    expect(JSON.parse((await target.ok(['settings', '--json'])).stdout)).toEqual({ autoLockMinutes: 42, clipboardClearSeconds: 0 });
    const audit = JSON.parse((await target.ok(['audit', '--event', 'restore', '--json'])).stdout) as { entries: { detail: unknown }[] };
    expect(audit.entries.map((e) => e.detail)).toEqual([{ restored: 4, replaced: 0, renamed: 0, skipped: 0, settings: true }]);
  });

  it('a wrong passphrase exits 3, says so, and changes nothing', async () => {
    const before = await vaultState(target);
    const wrong = await target.run(['restore', backupFile, '--on-conflict', 'replace', '--passphrase-stdin'], withPassphrase('not the passphrase at all'));
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toBe(
      'keystash: The backup could not be opened: the passphrase is wrong, or the file was changed after it was written. Nothing was changed.\n',
    );
    expect(await vaultState(target)).toEqual(before);
  });

  it('a tampered, truncated or relabelled file is refused (exit 3 or 2) and changes nothing', async () => {
    const before = await vaultState(target);
    const original = await readFile(backupFile, 'utf8');
    const envelope = JSON.parse(original) as { data: string; createdAt: string; kdf: { N: number }; version: number; format: string };
    // Ciphertext bits flipped under the base64, so every flip reaches AES-GCM.
    const ciphertext = Buffer.from(envelope.data, 'base64');
    const flipCiphertext = (offset: number) => {
      const bytes = Buffer.from(ciphertext);
      bytes[offset]! ^= 0x80;
      return JSON.stringify({ ...envelope, data: bytes.toString('base64') });
    };
    // A bit flipped in the file as it is: it may break the base64 or JSON (2) or reach AES-GCM (3).
    const flipInFile = (offset: number) => {
      const bytes = Buffer.from(original, 'latin1');
      bytes[offset]! ^= 0x01;
      return bytes.toString('latin1');
    };
    const opened = /passphrase is wrong, or the file was changed/;
    const variants: [string, string, number[], RegExp][] = [
      ['ciphertext bit flip at the start', flipCiphertext(0), [3], opened],
      ['ciphertext bit flip in the middle', flipCiphertext(ciphertext.length >> 1), [3], opened],
      ['ciphertext bit flip at the end', flipCiphertext(ciphertext.length - 1), [3], opened],
      ['bit flip in the file, in the data', flipInFile(original.indexOf(envelope.data) + 1000), [2, 3], /not a Keystash backup|passphrase is wrong/],
      ['bit flip in the file, in the salt', flipInFile(original.indexOf('"salt"') + 12), [2, 3], /not a Keystash backup|passphrase is wrong/],
      ['edited date', JSON.stringify({ ...envelope, createdAt: '2020-01-01T00:00:00.000Z' }), [3], opened],
      ['tag cut off', JSON.stringify({ ...envelope, data: ciphertext.subarray(0, -16).toString('base64') }), [3], opened],
      ['truncated file', original.slice(0, Math.floor(original.length * 0.7)), [2], /not JSON \(the file may be cut short or damaged\)/],
      ['scrypt N raised past 2^20', JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, N: 2 ** 21 } }), [2], /kdf\.N/],
      ['newer version', JSON.stringify({ ...envelope, version: 2 }), [2], /newer Keystash \(format version 2\)/],
      ['another format', JSON.stringify({ ...envelope, format: 'keystash-index' }), [2], /not a Keystash backup/],
      ['empty', '', [2], /not JSON/],
    ];
    for (const [what, content, code, message] of variants) {
      const file = join(folder, 'tampered.backup');
      await writeFile(file, content);
      const result = await target.run(['restore', file, '--on-conflict', 'replace', '--passphrase-stdin'], withPassphrase());
      expect(code, `${what}: ${result.stderr}`).toContain(result.code);
      expect(result.stderr, what).toMatch(message);
    }
    expect(await vaultState(target)).toEqual(before);
  }, 60_000);

  it('conflicts: skip by default, rename to "NAME (restored)", replace with the backup\'s value', async () => {
    const skip = await target.ok(['restore', backupFile, '--passphrase-stdin'], withPassphrase());
    expect(skip.stderr).toContain('  Stripe live: skipped, a key named "Stripe live" already exists\n');
    expect(skip.stderr).toMatch(/: 0 restored, 0 replaced, 0 renamed, 4 skipped\.\n$/);

    const rename = await target.ok(['restore', backupFile, '--on-conflict', 'rename', '--passphrase-stdin'], withPassphrase());
    expect(rename.stderr).toContain('  Big blob: restored as "Big blob (restored)"\n');
    expect(rename.stderr).toMatch(/: 0 restored, 0 replaced, 4 renamed, 0 skipped\.\n$/);
    expect((await target.ok(['get', 'Stripe live (restored)'])).stdout).toBe(VALUES['Stripe live']);

    await target.ok(['rotate', 'Stripe live'], { input: 'sk_live_FAKE_rotated_after_the_backup' });
    await target.ok(['edit', 'Stripe live', '--notes', 'changed after the backup']);
    const dryRun = await target.ok(['restore', backupFile, '--on-conflict', 'replace', '--dry-run', '--json', '--passphrase-stdin'], withPassphrase());
    expect(JSON.parse(dryRun.stdout)).toMatchObject({ dryRun: true, replaced: 4, restored: 0 });
    expect((await target.ok(['get', 'Stripe live'])).stdout).toBe('sk_live_FAKE_rotated_after_the_backup');

    const replace = await target.ok(['restore', backupFile, '--on-conflict', 'replace', '--passphrase-stdin'], withPassphrase());
    expect(replace.stderr).toMatch(/: 0 restored, 4 replaced, 0 renamed, 0 skipped\.\n$/);
    expect((await target.ok(['get', 'Stripe live'])).stdout).toBe(VALUES['Stripe live']);
    const { keys } = JSON.parse((await target.ok(['list', '--json', '--search', 'Stripe live'])).stdout) as { keys: { name: string; notes: string }[] };
    expect(keys.find((k) => k.name === 'Stripe live')?.notes).toBe('billing\nsecond line');
  });

  it('the README snippets decrypt a real backup without Keystash', async () => {
    const expectDecrypted = (stdout: string) => {
      const contents = JSON.parse(stdout) as { keys: { name: string; value: string }[]; settings: unknown };
      expect(Object.fromEntries(contents.keys.map((k) => [k.name, digest(k.value)]))).toEqual(
        Object.fromEntries(Object.entries(VALUES).map(([name, value]) => [name, digest(value)])),
      );
      expect(contents.settings).toEqual({ autoLockMinutes: 42, clipboardClearSeconds: 0 });
    };
    const nodeScript = join(folder, 'decrypt-backup.mjs');
    await writeFile(nodeScript, await readmeSnippet('js'));
    expectDecrypted(await runWithStdin(process.execPath, [nodeScript, backupFile], `${PASSPHRASE}\n`));

    const python = await run('python3', ['-c', 'import cryptography, hashlib; hashlib.scrypt']).then(
      () => true,
      () => false,
    );
    if (!python) {
      console.warn('skipping the Python snippet: python3 with the cryptography package is not installed');
      return;
    }
    const pythonScript = join(folder, 'decrypt_backup.py');
    await writeFile(pythonScript, await readmeSnippet('python'));
    expectDecrypted(await runWithStdin('python3', [pythonScript, backupFile], `${PASSPHRASE}\n`));
  });

  it('asks twice, hidden, on a terminal; refuses a mismatch; the screen never shows the passphrase', async () => {
    const file = join(folder, 'typed.backup');
    const mismatch = await runInTerminal(source, ['backup', '-o', file], [
      { waitFor: /Passphrase for the backup \(at least 12 characters, input hidden\): /, type: `${PASSPHRASE}${ENTER}` },
      { waitFor: /Type the passphrase again: /, type: `${PASSPHRASE}x${ENTER}` },
    ]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.screen).toContain('keystash: The two passphrases differ. Nothing was written.');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });

    const typed = await runInTerminal(source, ['backup', '-o', file], [
      { waitFor: /input hidden\): /, type: `${PASSPHRASE}${ENTER}` },
      { waitFor: /Type the passphrase again: /, type: `${PASSPHRASE}${ENTER}` },
    ]);
    expect(typed.code).toBe(0);
    expect(typed.screen).toContain('Backed up 4 keys');
    for (const screen of [mismatch.screen, typed.screen]) expect(screen).not.toContain(PASSPHRASE.slice(0, 8));

    const restore = await runInTerminal(target, ['restore', file, '--dry-run'], [
      { waitFor: /Passphrase of .*typed\.backup \(input hidden\): /, type: `wrong passphrase!!${ENTER}` },
      { waitFor: /passphrase is wrong[\s\S]*Passphrase of .*typed\.backup \(input hidden\): /, type: `${PASSPHRASE}${ENTER}` },
    ]);
    expect(restore.code).toBe(0);
    expect(restore.screen).toMatch(/Dry run of .*typed\.backup .*: would be 0 restored, 0 replaced, 0 renamed, 4 skipped\. Nothing was changed\./);
    expect(restore.screen).not.toContain(PASSPHRASE.slice(0, 8));
    expect(restore.screen).not.toContain('wrong passphrase!!');
  }, 60_000);

  it('never prints a value or the passphrase, and writes neither under KEYSTASH_HOME', async () => {
    const printed = [source, target].map((s) => s.printedOutsideGet()).join('\n');
    for (const secret of [PASSPHRASE, ...Object.values(VALUES).map((v) => v.slice(0, 40))]) {
      expect(printed.includes(secret), 'printed a secret').toBe(false);
      for (const home of [source.home, target.home]) expect(await grepFolder(home, secret)).toEqual([]);
      expect(await grepFolder(folder, secret)).toEqual([]);
    }
  });
});

describe('keystash restore interrupted', () => {
  const KEYS = 200;
  const currentSource = useCliSandbox(async (s) => {
    await s.enrol();
    const dotenv = Array.from({ length: KEYS }, (_, i) => `KEY_${i}=value-FAKE-${i}-${randomBytes(6).toString('hex')}`).join('\n');
    const folder = await mkdtemp(join(tmpdir(), 'keystash-many-'));
    await writeFile(join(folder, '.env'), dotenv);
    await s.ok(['import', join(folder, '.env')]);
    await rm(folder, { recursive: true, force: true });
  });

  it('holds Ctrl-C until the restore is complete, so the vault is never half restored', async () => {
    const source = currentSource();
    const folder = await mkdtemp(join(tmpdir(), 'keystash-backups-'));
    const target = await CliSandbox.create();
    try {
      await target.enrol();
      const file = join(folder, 'many.backup');
      await source.ok(['backup', '-o', file, '--passphrase-stdin'], withPassphrase());
      const { keys } = JSON.parse((await source.ok(['list', '--json'])).stdout) as { keys: { id: string }[] };
      const keychain = createKeytarKeychain(target.service);

      const restore = startCli(target, ['restore', file, '--passphrase-stdin'], { input: `${PASSPHRASE}\n` });
      // Ids are kept in a fresh vault: once the first value is in the keychain, the writes are under way.
      while ((await keychain.get(`key:${keys[0]!.id}`)) === null) await new Promise((r) => setTimeout(r, 5));
      restore.child.kill('SIGINT');
      const done = await restore.done;
      expect([done.code, done.signal]).toEqual([0, null]);
      expect(done.stderr).toContain('Finishing the restore first, so that the vault is not left half restored');
      expect(done.stderr).toContain(`${KEYS} restored, 0 replaced, 0 renamed, 0 skipped.`);
      const restored = JSON.parse((await target.ok(['list', '--json'])).stdout) as { keys: { id: string }[] };
      expect(restored.keys.map((k) => k.id).sort()).toEqual(keys.map((k) => k.id).sort());
      for (const { id } of keys) expect(await keychain.get(`key:${id}`), id).not.toBeNull();
    } finally {
      await target.cleanup();
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Runs a program with text on stdin (the passphrase, never an argument) and returns its stdout. */
function runWithStdin(command: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}
