import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, grepFolder, sleep, useCliSandbox, type Authenticator, type CliSandbox } from './test/cli-harness';
import { writeProbe, sha256 } from './test/probe-program';
import { runCliIn, startCli } from './test/run-cli';
import { CTRL_C, runInTerminal } from './test/terminal-session';

const MASK = '<concealed by keystash>';
const exec = promisify(execFile);
const fresh = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/** `keystash run` against the real keychain: values reach the program only through its environment. */
describe('keystash run', () => {
  const values = {
    stripe: fresh('stripe-value'),
    db: fresh('db-value'),
    noVar: fresh('novar-value'),
    dupA: fresh('dup-a'),
    dupB: fresh('dup-b'),
  };
  let probe: string;
  let folder: string;
  let authenticator: Authenticator;
  const currentSandbox = useCliSandbox(async (s) => {
    ({ authenticator } = await s.enrol());
    await s.ok(['add', 'Stripe live', '--env-var', 'STRIPE_KEY', '--tag', 'payments'], { input: values.stripe });
    await s.ok(['add', 'DB password', '--env-var', 'DB_PASSWORD', '--tag', 'db'], { input: values.db });
    await s.ok(['add', 'No var', '--env-var', ''], { input: values.noVar });
    await s.ok(['add', 'Dup A', '--env-var', 'DUP'], { input: values.dupA });
    await s.ok(['add', 'Dup B', '--env-var', 'DUP'], { input: values.dupB });
  });
  let sandbox: CliSandbox;

  beforeAll(async () => {
    sandbox = currentSandbox();
    ({ probe, folder } = await writeProbe());
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const hashes = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, string | null>;

  it('passes the selected keys under their env vars, by --key and by --tag, and the arguments untouched', async () => {
    const byKey = await sandbox.ok(['run', '--key', 'Stripe live', '--tag', 'db', '--', 'node', probe, 'hashes', 'STRIPE_KEY', 'DB_PASSWORD', 'DUP']);
    expect(hashes(byKey.stdout)).toEqual({ STRIPE_KEY: sha256(values.stripe), DB_PASSWORD: sha256(values.db), DUP: null });
    const argv = await sandbox.ok(['run', '--key', 'Stripe live', '--', 'node', probe, 'argv', '$STRIPE_KEY', '--tag', "it's; ls"]);
    expect(JSON.parse(argv.stdout)).toEqual(['$STRIPE_KEY', '--tag', "it's; ls"]);
  });

  it('a locked vault unlocks with KEYSTASH_CODE for a run that selects by tag alone', async () => {
    await sandbox.ok(['lock']);
    const locked = await sandbox.run(['run', '--tag', 'db', '--', 'node', probe, 'hashes', 'DB_PASSWORD']);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toBe('keystash: Keystash is locked. Run `keystash unlock` or pass --code / KEYSTASH_CODE.\n');
    const ran = await sandbox.ok(['run', '--tag', 'db', '--', 'node', probe, 'hashes', 'DB_PASSWORD'], {
      env: { KEYSTASH_CODE: await authenticator.nextCode() },
    });
    expect(hashes(ran.stdout)).toEqual({ DB_PASSWORD: sha256(values.db) });
  });

  it('keeps the exit code of the program, and reports death by a signal as 128 + n', async () => {
    for (const code of [0, 3, 42]) {
      const result = await sandbox.run(['run', '--key', 'Stripe live', '--', 'node', probe, 'exit', String(code)]);
      expect(result.code).toBe(code);
    }
    expect((await sandbox.run(['run', '--key', 'Stripe live', '--', 'node', probe, 'kill-self', 'SIGTERM'])).code).toBe(143);
    expect((await sandbox.run(['run', '--key', 'Stripe live', '--', 'node', probe, 'kill-self', 'SIGKILL'])).code).toBe(137);
    const missing = await sandbox.run(['run', '--key', 'Stripe live', '--', 'no-such-program-keystash']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('keystash: command not found: no-such-program-keystash\n');
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`forwards ${signal} to the program once, and exits with the program's code`, async () => {
      const record = join(folder, `signals-${signal}.txt`);
      // Detached: no controlling terminal, as under a supervisor, so keystash must pass the signal on.
      const running = startCli(sandbox, ['run', '--key', 'Stripe live', '--', 'node', probe, 'trap', record], { detached: true });
      await running.printed('ready');
      running.child.kill(signal); // to keystash only, not to its process group
      const result = await running.done;
      expect(result.code).toBe(7);
      expect(await readFile(record, 'utf8')).toBe(`${signal}\n`);
    });
  }

  it('does not pass on a Ctrl-C the terminal already sent to the program: it gets exactly one', async () => {
    const record = join(folder, 'signals-terminal.txt');
    // On a real pseudo-terminal, Ctrl-C makes the terminal send SIGINT to its whole foreground group.
    const result = await runInTerminal(sandbox, ['run', '--key', 'Stripe live', '--', 'node', probe, 'trap', record], [
      { waitFor: /ready/, type: CTRL_C },
    ]);
    expect(result.code).toBe(7);
    expect(await readFile(record, 'utf8')).toBe('SIGINT\n');
  });

  it('--mask conceals a value split across writes with a pause between, on stdout and stderr', async () => {
    const masked = await sandbox.ok(['run', '--mask', '--key', 'Stripe live', '--', 'node', probe, 'split', 'STRIPE_KEY']);
    expect(masked.stdout).toBe(`before line\ntoken=${MASK} end\n`);
    expect(masked.stderr).toBe(`on stderr: ${MASK}\n`);
  });

  it('--mask ends with its reader: `| head -1` stops a program that prints forever', async () => {
    const forever = 'setInterval(() => console.log("key " + process.env.STRIPE_KEY), 1)';
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run --mask --key 'Stripe live' -- node -e '${forever}' | head -2`;
    const { stdout } = await exec('bash', ['-c', command], { env: sandbox.env, timeout: 20_000 });
    expect(stdout).toBe(`key ${MASK}\nkey ${MASK}\n`);
  });

  it('--no-inherit starts from PATH and HOME only, plus the keys', async () => {
    const inherited = await sandbox.ok(['run', '--key', 'Stripe live', '--', 'node', probe, 'names'], { env: { UNRELATED_VAR: 'x' } });
    expect(JSON.parse(inherited.stdout)).toEqual(expect.arrayContaining(['UNRELATED_VAR', 'STRIPE_KEY', 'KEYSTASH_HOME']));
    expect(JSON.parse(inherited.stdout)).not.toContain('KEYSTASH_CODE');
    const bare = await sandbox.ok(['run', '--no-inherit', '--key', 'Stripe live', '--', 'node', probe, 'names'], { env: { UNRELATED_VAR: 'x' } });
    expect(JSON.parse(bare.stdout)).toEqual(['HOME', 'PATH', 'STRIPE_KEY']);
  });

  it('refuses a key without an env var, two keys on one env var, and an empty selection', async () => {
    const noVar = await sandbox.run(['run', '--key', 'No var', '--', 'node', probe, 'exit', '0']);
    expect(noVar.code).toBe(2);
    expect(noVar.stderr).toMatch(/^keystash: "No var" has no environment variable; set one with `keystash edit NAME --env-var VAR`\.\n$/);
    const duplicate = await sandbox.run(['run', '--key', 'Dup A', '--key', 'Dup B', '--key', 'Stripe live', '--', 'node', probe, 'exit', '0']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/"Dup A", "Dup B" both use \$DUP/);
    const nothing = await sandbox.run(['run', '--', 'node', probe, 'exit', '0']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Select what to pass: --tag TAG, --key NAME or --env-file FILE/);
    const unknown = await sandbox.run(['run', '--key', 'Nope', '--tag', 'no-such-tag', '--', 'node', probe, 'exit', '0']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/There is no key named "Nope"; no key has the tag "no-such-tag"/);
    const noCommand = await sandbox.run(['run', '--key', 'Stripe live']);
    expect(noCommand.code).toBe(2);
  });

  it('--env-file resolves references, passes other values through, and lets --key win', async () => {
    const env = join(folder, '.env');
    await writeFile(
      env,
      [
        '# references instead of values',
        'STRIPE_KEY=keystash://Stripe%20live',
        'DATABASE_URL="postgres://app:{{ keystash://DB%20password }}@db:5432/app"',
        'PLAIN=just-a-setting # comment',
        'DB_PASSWORD=from-the-file',
        '',
      ].join('\n'),
    );
    const result = await runCliIn(sandbox, folder, ['run', '--env-file', '.env', '--key', 'DB password', '--', 'node', probe, 'hashes', 'STRIPE_KEY', 'DATABASE_URL', 'PLAIN', 'DB_PASSWORD']);
    expect(result.code).toBe(0);
    expect(hashes(result.stdout)).toEqual({
      STRIPE_KEY: sha256(values.stripe),
      DATABASE_URL: sha256(`postgres://app:${values.db}@db:5432/app`),
      PLAIN: sha256('just-a-setting'),
      DB_PASSWORD: sha256(values.db),
    });
    expect(result.stderr).toBe('note: $DB_PASSWORD comes from the key "DB password", not from .env.\n');
  });

  it('resolves a reference exported in the inherited environment', async () => {
    const result = await sandbox.ok(['run', '--key', 'DB password', '--', 'node', probe, 'hashes', 'STRIPE_KEY'], {
      env: { STRIPE_KEY: 'keystash://Stripe%20live' },
    });
    expect(hashes(result.stdout)).toEqual({ STRIPE_KEY: sha256(values.stripe) });
  });

  it('names the file, line and reference of every unresolvable reference, and starts nothing', async () => {
    const env = join(folder, 'broken.env');
    await writeFile(env, ['OK=keystash://Stripe%20live', '', 'MISSING=keystash://Nope', 'BAD="{{ keystash://%ZZ }}"', ''].join('\n'));
    const marker = join(folder, 'started');
    const result = await runCliIn(sandbox, folder, ['run', '--env-file', 'broken.env', '--', 'node', '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`]);
    expect(result.code).toBe(5);
    expect(result.stderr).toBe(
      [
        'keystash: 2 references cannot be resolved:',
        '  broken.env:3: keystash://Nope: there is no key named "Nope"',
        '  broken.env:4: keystash://%ZZ: a name in a reference is percent-encoded outside letters, digits and . _ ~ -',
        '',
      ].join('\n'),
    );
    await expect(readFile(marker)).rejects.toThrow();
    const fromEnvironment = await sandbox.run(['run', '--key', 'DB password', '--', 'node', probe, 'exit', '0'], {
      env: { STRIPE_KEY: 'keystash://id/00000000-0000-4000-8000-000000000000' },
    });
    expect(fromEnvironment.code).toBe(5);
    expect(fromEnvironment.stderr).toMatch(/\$STRIPE_KEY \(inherited environment\): keystash:\/\/id\/0{8}-0{4}-4000-8000-0{12}: there is no key with this id/);
  });

  it('audits one run event with the key ids and the program name only', async () => {
    await sandbox.ok(['run', '--key', 'Stripe live', '--tag', 'db', '--', 'node', probe, 'argv', 'secret-looking-argument']);
    const { entries } = JSON.parse((await sandbox.ok(['audit', '--event', 'run', '--json'])).stdout) as {
      entries: { detail: Record<string, unknown> }[];
    };
    const last = entries.at(-1)!;
    expect(last.detail).toMatchObject({ command: 'node', keys: 2 });
    expect(String(last.detail.keyIds).split(',')).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toContain('secret-looking-argument');
    expect(JSON.stringify(entries)).not.toContain('probe');
    // The run shows up among the entries about each of its keys.
    const stripe = JSON.parse((await sandbox.ok(['audit', '--key', 'Stripe live', '--json'])).stdout) as { entries: { event: string }[] };
    expect(stripe.entries.map((e) => e.event)).toContain('run');
  });

  it('never printed a value (outside the program output --mask was tested on) or wrote one under KEYSTASH_HOME', async () => {
    await sleep(0);
    const printed = sandbox.runs.map((r) => r.stdout + r.stderr).join('\n');
    for (const value of Object.values(values)) {
      expect(printed).not.toContain(value);
      expect(await grepFolder(sandbox.home, value)).toEqual([]);
    }
  });
});
