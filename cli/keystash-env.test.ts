import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRICKY_ENV } from '../core/env/tricky-env.fixture';
import { grepFolder, useCliSandbox, type CliSandbox } from './test/cli-harness';
import { runCliIn } from './test/run-cli';

const exec = promisify(execFile);
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** The values of TRICKY_ENV that import moves into the vault (dotenv's reading, last duplicate wins). */
const parsed = parse(TRICKY_ENV);
const importable: Record<string, string> = Object.fromEntries(Object.entries(parsed).filter(([name, value]) => value !== '' && !name.includes('.')));

/** .env import and export, inject and ref, through the built CLI on the real keychain. */
describe('keystash import, export, inject, ref', () => {
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
  });
  let sandbox: CliSandbox;
  let work: string;

  beforeAll(async () => {
    sandbox = currentSandbox();
    work = await mkdtemp(join(tmpdir(), 'keystash-env-'));
    await writeFile(join(work, 'tricky.env'), TRICKY_ENV);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });
  const inWork = (args: readonly string[], env?: Record<string, string | undefined>) => runCliIn(sandbox, work, args, env);
  const names = async () => (JSON.parse((await sandbox.ok(['list', '--json'])).stdout) as { keys: { name: string }[] }).keys.map((k) => k.name);

  it('--dry-run shows what would happen and changes nothing', async () => {
    const index = join(sandbox.home, 'index.json.enc');
    const before = await readFile(index);
    const dry = await inWork(['import', 'tricky.env', '--dry-run', '--tag', 'imported']);
    expect(dry.code).toBe(1); // DOTTED.NAME would fail
    expect(dry.stdout).toMatch(/^VARIABLE\s+LINE\s+ACTION\s+PROVIDER\s+TAGS\s+NOTE\n/);
    expect(dry.stdout).toMatch(/\nPEM\s+10\s+create\s+-\s+imported\n/);
    expect(dry.stdout).toMatch(/\nEMPTY\s+14\s+skip\s+-\s+-\s+empty value\n/);
    expect(dry.stdout).toMatch(/\nDOTTED\.NAME\s+20\s+fail\s+.*environment variable name/);
    expect(dry.stderr).toContain('DUPLICATE is set more than once; like dotenv, the last one (line 18) counts.');
    expect(dry.stderr).toMatch(/Dry run of tricky\.env: would be 12 created, 0 replaced, 2 skipped, 1 failed\. Nothing was changed\./);
    expect(await readFile(index)).toEqual(before);
    expect(await names()).toEqual([]);
    const audit = JSON.parse((await sandbox.ok(['audit', '--event', 'import', '--json'])).stdout) as { entries: unknown[] };
    expect(audit.entries).toEqual([]);
  });

  it('imports the tricky cases exactly as dotenv reads them, and audits counts only', async () => {
    const result = await inWork(['import', 'tricky.env', '--tag', 'imported', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { created: number; skipped: number; failed: number; entries: { variable: string; status: string }[] };
    expect(report).toMatchObject({ created: 12, replaced: 0, skipped: 2, failed: 1, rewritten: 0 });
    expect((await names()).sort()).toEqual(Object.keys(importable).sort());
    for (const [name, value] of Object.entries(importable)) {
      expect(hash((await sandbox.ok(['get', name])).stdout), name).toBe(hash(value));
    }
    const { entries } = JSON.parse((await sandbox.ok(['audit', '--event', 'import', '--json'])).stdout) as { entries: { detail: unknown }[] };
    // Core counts what it was sent; the rows the CLI left out (empty, invalid) are in the report above.
    expect(entries.map((e) => e.detail)).toEqual([{ created: 12, replaced: 0, skipped: 0, failed: 0 }]);
  });

  it('a second import skips what exists, and --on-conflict replace rotates only changed values', async () => {
    const again = await inWork(['import', 'tricky.env', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, skipped: 14, failed: 1 });
    await writeFile(join(work, 'changed.env'), 'PLAIN=plain-value-changed-14\nSPACED=spaced-value-3\n');
    const replaced = await inWork(['import', 'changed.env', '--on-conflict', 'replace', '--tag', 'rotated']);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toBe(
      '  SPACED (line 2): skipped, the vault already holds this value\nImported changed.env: 0 created, 1 replaced, 1 skipped, 0 failed.\n',
    );
    expect((await sandbox.ok(['get', 'PLAIN'])).stdout).toBe('plain-value-changed-14');
    const plain = JSON.parse((await sandbox.ok(['list', '--search', 'PLAIN', '--json'])).stdout).keys[0];
    expect(plain).toMatchObject({ tags: ['imported', 'rotated'] });
    expect(plain.rotatedAt).not.toBeNull();
  });

  it('exports round-trip: dotenv through dotenv, shell through bash, json, and k8s base64', async () => {
    const expected: Record<string, string> = { ...importable, PLAIN: 'plain-value-changed-14' };
    const dotenv = await sandbox.ok(['export', '--tag', 'imported', '--format', 'dotenv']);
    expect(parse(dotenv.stdout)).toEqual(expected);
    expect(dotenv.stdout).toContain('PEM="-----BEGIN TEST KEY-----\\nQUJD'); // one line per variable

    const shell = await sandbox.ok(['export', '--tag', 'imported', '--format', 'shell']);
    await writeFile(join(work, 'exports.sh'), shell.stdout, { mode: 0o600 });
    const script = `. ./exports.sh; for v in ${Object.keys(expected).join(' ')}; do printf '%s=' "$v"; printenv "$v" | sha256sum | cut -c1-64; done`;
    const { stdout } = await exec('bash', ['-c', script], { cwd: work, env: { PATH: process.env.PATH } });
    // printenv adds a newline to each value; hash what it printed.
    expect(Object.fromEntries(stdout.trim().split('\n').map((l) => l.split('=')))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, hash(`${v}\n`)])),
    );

    const json = await sandbox.ok(['export', '--tag', 'imported', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(expected);

    const k8s = await sandbox.ok(['export', '--key', 'PEM', '--key', 'UNICODE', '--format', 'k8s', '--name', 'web-app']);
    expect(k8s.stdout).toMatch(/^apiVersion: v1\nkind: Secret\nmetadata:\n {2}name: "web-app"\ntype: Opaque\ndata:\n/);
    const data = Object.fromEntries([...k8s.stdout.matchAll(/^ {2}"(\w+)": "([A-Za-z0-9+/=]+)"$/gm)].map((m) => [m[1], Buffer.from(m[2]!, 'base64').toString('utf8')]));
    expect(data).toEqual({ PEM: expected.PEM, UNICODE: expected.UNICODE });
    const badName = await sandbox.run(['export', '--key', 'PEM', '--format', 'k8s', '--name', 'Not_Valid']);
    expect(badName.code).toBe(2);
    const badFormat = await sandbox.run(['export', '--key', 'PEM', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect((await sandbox.run(['export', '--format', 'json'])).stderr).toMatch(/Select what to export/);
    const { entries } = JSON.parse((await sandbox.ok(['audit', '--event', 'export', '--json'])).stdout) as { entries: { detail: Record<string, unknown> }[] };
    expect(entries.map((e) => [e.detail.format, e.detail.keys])).toEqual([
      ["dotenv", 12],
      ["shell", 12],
      ["json", 12],
      ['k8s', 2],
    ]);
  });

  it('-o writes 0600, refuses to overwrite without --force, and refuses a file git would commit', async () => {
    const out = join(work, 'out.env');
    await sandbox.ok(['export', '--key', 'PLAIN', '--format', 'dotenv', '-o', out]);
    expect(await modeOf(out)).toBe(0o600);
    expect(await readFile(out, 'utf8')).toBe('PLAIN=plain-value-changed-14\n');
    const again = await sandbox.run(['export', '--key', 'PLAIN', '--format', 'json', '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`keystash: ${out} already exists; pass --force to overwrite it.\n`);
    await sandbox.ok(['export', '--key', 'PLAIN', '--format', 'json', '-o', out, '--force']);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ PLAIN: 'plain-value-changed-14' });
    expect(await modeOf(out)).toBe(0o600);

    const repo = join(work, 'repo');
    await mkdir(join(repo, 'config'), { recursive: true });
    await exec('git', ['init', '-q', repo]);
    const tracked = await sandbox.run(['export', '--key', 'PLAIN', '--format', 'dotenv', '-o', join(repo, 'config', 'secrets.env')]);
    expect(tracked.code).toBe(2);
    expect(tracked.stderr).toBe(
      `keystash: ${join(repo, 'config', 'secrets.env')} is inside the git work tree ${repo} and git does not ignore it, so a commit could publish the secrets it would hold. Add it to .gitignore, write it outside the repository, or pass --allow-tracked.\n`,
    );
    await expect(stat(join(repo, 'config', 'secrets.env'))).rejects.toThrow();
    await sandbox.ok(['export', '--key', 'PLAIN', '--format', 'dotenv', '-o', join(repo, 'config', 'secrets.env'), '--allow-tracked']);
    await writeFile(join(repo, '.gitignore'), '*.env\n');
    await sandbox.ok(['export', '--key', 'PLAIN', '--format', 'dotenv', '-o', join(repo, 'config', 'ignored.env')]);
    expect(await modeOf(join(repo, 'config', 'ignored.env'))).toBe(0o600);
  });

  it('--rewrite replaces the moved values with references, keeps the formatting, and keeps a 0600 backup', async () => {
    const project = join(work, 'project');
    await mkdir(project);
    const original = [
      '# app settings',
      'export NEW_TOKEN="new-token-value-15" # moved',
      "NEW_PASSWORD='new password 16'",
      'PLAIN=plain-value-changed-14',
      'PORT=',
      'ALREADY=keystash://PEM',
      '',
    ].join('\n');
    await writeFile(join(project, '.env'), original, { mode: 0o644 });
    const result = await runCliIn(sandbox, project, ['import', '.env', '--rewrite']);
    expect(result.code).toBe(0);
    expect(await readFile(join(project, '.env'), 'utf8')).toBe(
      [
        '# app settings',
        'export NEW_TOKEN="keystash://NEW_TOKEN" # moved',
        "NEW_PASSWORD='keystash://NEW_PASSWORD'",
        'PLAIN=plain-value-changed-14', // skipped (exists): the file keeps its own value
        'PORT=',
        'ALREADY=keystash://PEM',
        '',
      ].join('\n'),
    );
    expect(await modeOf(join(project, '.env'))).toBe(0o644);
    expect(await readFile(join(project, '.env.keystash-backup'), 'utf8')).toBe(original);
    expect(await modeOf(join(project, '.env.keystash-backup'))).toBe(0o600);
    expect(result.stderr).toContain('Rewrote .env: 2 values replaced by keystash:// references. The original is in .env.keystash-backup (0600)');

    // The rewritten file gives a program the same values as the original did.
    const probe = 'process.stdout.write(JSON.stringify([process.env.NEW_TOKEN, process.env.NEW_PASSWORD, process.env.ALREADY].map((v) => require("crypto").createHash("sha256").update(v).digest("hex"))))';
    const ran = await runCliIn(sandbox, project, ['run', '--env-file', '.env', '--', 'node', '-e', probe]);
    expect(JSON.parse(ran.stdout)).toEqual([hash('new-token-value-15'), hash('new password 16'), hash(importable.PEM!)]);

    const refused = await runCliIn(sandbox, project, ['import', '.env', '--rewrite']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('keystash: .env.keystash-backup already exists; pass --force to overwrite it.\n');
  });

  it('--rewrite refuses a rewrite that dotenv would read differently, and says what was done', async () => {
    // LEGACY's backtick is unterminated; the one in TICK_TOKEN's value keeps it from pairing with line 3's.
    const project = join(work, 'quotes');
    await mkdir(project);
    const original = "LEGACY=`unterminated-legacy-value-19\nTICK_TOKEN='tick`token-value-20'\n`\n";
    await writeFile(join(project, '.env'), original);
    const explain = 'because a quote in one value pairs with a quote on another line';

    const before = await runCliIn(sandbox, project, ['import', '.env', '--rewrite', '--skip', 'LEGACY']);
    expect(before.code).toBe(1);
    expect(before.stderr).toBe(
      `keystash: Cannot rewrite .env safely: with references in place, dotenv would read LEGACY, TICK_TOKEN differently, ${explain}. Nothing was imported. Close the open quote, or import without --rewrite.\n`,
    );
    expect(await names()).not.toContain('TICK_TOKEN');

    // An existing LEGACY is skipped, so only TICK_TOKEN moves: the import stands, the file does not change.
    await sandbox.ok(['add', 'LEGACY'], { input: 'legacy-in-vault-21' });
    const after = await runCliIn(sandbox, project, ['import', '.env', '--rewrite']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('Imported .env: 1 created, 0 replaced, 1 skipped, 0 failed.');
    expect(after.stderr).toMatch(
      new RegExp(`\\nkeystash: Cannot rewrite \\.env safely: .*dotenv would read LEGACY, TICK_TOKEN differently, ${explain}\\. The keys were imported; the file was left as it is\\.`),
    );
    expect(await names()).toContain('TICK_TOKEN');
    expect((await sandbox.ok(['get', 'TICK_TOKEN'])).stdout).toBe('tick`token-value-20');

    expect(await readFile(join(project, '.env'), 'utf8')).toBe(original);
    await expect(stat(join(project, '.env.keystash-backup'))).rejects.toThrow();
    for (const output of [before, after]) expect(output.stdout + output.stderr).not.toMatch(/legacy-value|token-value|legacy-in-vault/);
  });

  it('--rewrite refuses a backup that git would commit, before importing anything', async () => {
    const repo = join(work, 'repo2');
    await mkdir(repo);
    await exec('git', ['init', '-q', repo]);
    await writeFile(join(repo, '.gitignore'), '.env\n');
    await writeFile(join(repo, '.env'), 'REPO_ONLY_TOKEN=repo-only-value-17\n');
    const refused = await runCliIn(sandbox, repo, ['import', '.env', '--rewrite']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^keystash: \.env\.keystash-backup is inside the git work tree .* and git does not ignore it/);
    expect(await names()).not.toContain('REPO_ONLY_TOKEN');
  });

  it('inject resolves braced and bare references into stdout or a 0600 file', async () => {
    const template = join(work, 'config.yml.tpl');
    await writeFile(template, 'token: {{ keystash://NEW_TOKEN }}\npassword: "{{keystash://NEW_PASSWORD}}"\nurl: https://x/?t=keystash://NEW_TOKEN.\n');
    const printed = await sandbox.ok(['inject', '-i', template]);
    expect(printed.stdout).toBe('token: new-token-value-15\npassword: "new password 16"\nurl: https://x/?t=new-token-value-15.\n');
    const out = join(work, 'config.yml');
    const written = await sandbox.ok(['inject', '-i', template, '-o', out]);
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe(`Wrote ${out} (3 references resolved, readable only by you).\n`);
    expect(await readFile(out, 'utf8')).toBe(printed.stdout);
    expect(await modeOf(out)).toBe(0o600);
    expect((await sandbox.run(['inject', '-i', template, '-o', out])).code).toBe(2);
    await sandbox.ok(['inject', '-i', template, '-o', out, '--force']);

    await writeFile(template, 'a: ok\nb: x {{ keystash://NEW_TOKEN }} {{ keystash://Missing%20key }}\n');
    const missing = await sandbox.run(['inject', '-i', template]);
    expect(missing.code).toBe(5);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`keystash: A reference cannot be resolved:\n  ${template}:2:33: keystash://Missing%20key: there is no key named "Missing key"\n`);
  });

  it('ref prints a reference ready to paste, by name or by id', async () => {
    await sandbox.ok(['add', 'Stripe live', '--env-var', 'STRIPE_KEY'], { input: 'stripe-value-18' });
    expect((await sandbox.ok(['ref', 'stripe LIVE'])).stdout).toBe('keystash://Stripe%20live');
    const id = JSON.parse((await sandbox.ok(['list', '--search', 'Stripe', '--json'])).stdout).keys[0].id as string;
    expect((await sandbox.ok(['ref', 'Stripe live', '--id'])).stdout).toBe(`keystash://id/${id}`);
    expect((await sandbox.run(['ref', 'Nope'])).code).toBe(5);
  });

  it('never printed a value except where asked to (get, and export or inject to stdout), nor left one in KEYSTASH_HOME', async () => {
    const secrets = [...Object.values(importable), 'plain-value-changed-14', 'new-token-value-15', 'new password 16', 'repo-only-value-17', 'stripe-value-18'];
    const printsValues = (args: readonly string[]) => args[0] === 'get' || ((args[0] === 'export' || args[0] === 'inject') && !args.includes('-o'));
    const printed = sandbox.runs.map((r) => (printsValues(r.args) ? r.stderr : r.stdout + r.stderr)).join('\n');
    for (const value of secrets) {
      expect(printed, value).not.toContain(value);
      expect(await grepFolder(sandbox.home, value), value).toEqual([]);
    }
  });
});
