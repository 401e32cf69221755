import { beforeAll, describe, expect, it } from 'vitest';
import { grepFolder, secretToolSearch, useCliSandbox, type Authenticator, type CliSandbox } from './test/cli-harness';

/** Key and tag management through the built CLI, in one unlocked session on the real keychain. */
describe('keystash keys and tags', () => {
  const values = {
    openai: 'sk-proj-FAKE-Vq8w2hT0aLx9KkZr3nB1cD4e',
    github: 'ghp_FAKE_R2x7Lm9Qw4Tz8Yb1Nc5Vd3Kf6',
    rotated: 'ghp_FAKE_rotated_0123456789abcdef',
    addedWhileLocked: 'whsec_FAKE_added_while_locked_42',
    pem: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nline2==\n-----END PRIVATE KEY-----',
  };
  const idOf = async (name: string) => {
    const { keys } = JSON.parse((await sandbox.ok(['list', '--json'])).stdout) as { keys: { id: string; name: string }[] };
    const key = keys.find((k) => k.name === name);
    if (!key) throw new Error(`no key ${name}`);
    return key.id;
  };

  let authenticator: Authenticator;
  const currentSandbox = useCliSandbox(async (s) => {
    ({ authenticator } = await s.enrol());
    await s.ok(['add', 'OpenAI', '--tag', 'ai', '--tag', 'Prod', '--notes', 'team account'], { input: values.openai });
    await s.ok(['add', 'GitHub deploy', '--env-var', 'GH_TOKEN', '--tag', 'ci'], { input: `${values.github}\n` });
  });
  let sandbox: CliSandbox;

  beforeAll(() => {
    sandbox = currentSandbox();
  });

  it('refuses a duplicate name (any case) with exit 2, before reading a value', async () => {
    const duplicate = await sandbox.run(['add', 'openai'], { input: 'another' });
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toBe(
      'keystash: A key named "OpenAI" already exists. Choose another name, or use `keystash rotate` to change its value.\n',
    );
  });

  it('refuses bad input with exit 2 and names the flag', async () => {
    const badEnv = await sandbox.run(['add', 'Bad env', '--env-var', '1BAD'], { input: 'x' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/^keystash: --env-var: Environment variable must start with a letter/);
    const empty = await sandbox.run(['add', 'Empty'], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^keystash: No value on stdin/);
    const justNewline = await sandbox.run(['add', 'Empty'], { input: '\n' });
    expect(justNewline.code).toBe(2);
    const usage = await sandbox.run(['add']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("keystash: missing required argument 'name'\n");
    const unknownOption = await sandbox.run(['list', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/^keystash: unknown option '--colour'/);
  });

  it('keeps a multi-line value intact, minus exactly one trailing newline', async () => {
    await sandbox.ok(['add', 'Deploy key'], { input: `${values.pem}\n` });
    expect((await sandbox.ok(['get', 'deploy key'])).stdout).toBe(values.pem);
  });

  it('reports an unknown key with exit 5, for every command that takes one', async () => {
    for (const args of [['get', 'Nope'], ['copy', 'Nope', '--no-wait'], ['edit', 'Nope', '--notes', 'x'], ['rm', 'Nope', '--yes'], ['audit', '--key', 'Nope']]) {
      const missing = await sandbox.run(args);
      expect(missing.code, args.join(' ')).toBe(5);
      expect(missing.stderr).toBe('keystash: There is no key named "Nope". List keys with `keystash list`.\n');
    }
    const rotate = await sandbox.run(['rotate', 'Nope'], { input: 'never read' });
    expect(rotate.code).toBe(5);
  });

  it('filters the list by tags (all must match) and by search text', async () => {
    const byTag = JSON.parse((await sandbox.ok(['list', '--tag', 'prod', '--tag', 'AI', '--json'])).stdout);
    expect(byTag.keys.map((k: { name: string }) => k.name)).toEqual(['OpenAI']);
    const bySearch = JSON.parse((await sandbox.ok(['list', '--search', 'GH_TOKEN', '--json'])).stdout);
    expect(bySearch.keys.map((k: { name: string }) => k.name)).toEqual(['GitHub deploy']);
    const none = await sandbox.ok(['list', '--tag', 'nothing-has-this']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/No keys match/);
  });

  it('edit adds and removes tags relative to the current list, and changes fields', async () => {
    const edited = await sandbox.ok([
      'edit', 'OpenAI', '--tag', '+llm', '--tag', '-prod', '--tag', '+AI',
      '--env-var', 'OPENAI_API_KEY', '--provider', 'OpenAI', '--url', 'https://platform.openai.com/api-keys',
      '--rotate-every', '90', '--expires', '2099-12-31',
    ]);
    expect(edited.stderr).toBe('Updated OpenAI.\n');
    const { keys } = JSON.parse((await sandbox.ok(['list', '--json'])).stdout);
    expect(keys.find((k: { name: string }) => k.name === 'OpenAI')).toMatchObject({
      tags: ['ai', 'llm'],
      envVar: 'OPENAI_API_KEY',
      provider: 'OpenAI',
      url: 'https://platform.openai.com/api-keys',
      rotateEveryDays: 90,
      expiresAt: '2099-12-31',
      notes: 'team account',
    });
    await sandbox.ok(['edit', 'OpenAI', '--provider', '', '--rotate-every', '0', '--expires', 'never', '--name', 'OpenAI main']);
    const after = JSON.parse((await sandbox.ok(['list', '--json'])).stdout).keys.find((k: { name: string }) => k.name === 'OpenAI main');
    expect(after).toMatchObject({ provider: null, rotateEveryDays: null, expiresAt: null });

    const nothing = await sandbox.run(['edit', 'OpenAI main']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^keystash: Nothing to change/);
    const badUrl = await sandbox.run(['edit', 'OpenAI main', '--url', 'javascript:alert(1)']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/^keystash: --url: /);
  });

  it('tags lists counts; tags rename merges into an existing tag; tags rm removes it everywhere', async () => {
    await sandbox.ok(['edit', 'GitHub deploy', '--tag', '+llm']);
    const before = JSON.parse((await sandbox.ok(['tags', '--json'])).stdout);
    expect(before.tags).toEqual([
      { name: 'ai', count: 1 },
      { name: 'ci', count: 1 },
      { name: 'llm', count: 2 },
    ]);
    expect((await sandbox.ok(['tags'])).stdout).toMatch(/^TAG\s+KEYS\nai\s+1\nci\s+1\nllm\s+2\n$/);

    const merged = await sandbox.ok(['tags', 'rename', 'llm', 'AI']);
    expect(merged.stderr).toBe('Renamed tag "llm" to "AI" on 2 keys (merged into the existing tag).\n');
    expect(JSON.parse((await sandbox.ok(['tags', '--json'])).stdout).tags).toEqual([
      { name: 'ai', count: 2 },
      { name: 'ci', count: 1 },
    ]);

    const removed = await sandbox.ok(['tags', 'rm', 'AI']);
    expect(removed.stderr).toBe('Removed tag "AI" from 2 keys.\n');
    expect(JSON.parse((await sandbox.ok(['tags', '--json'])).stdout).tags).toEqual([{ name: 'ci', count: 1 }]);
    expect((await sandbox.run(['tags', 'rm', 'AI'])).code).toBe(5);
  });

  it('rotate replaces the value from stdin', async () => {
    const rotated = await sandbox.ok(['rotate', 'GitHub deploy'], { input: `${values.rotated}\n` });
    expect(rotated.stderr).toBe('Rotated GitHub deploy.\n');
    expect((await sandbox.ok(['get', 'GitHub deploy'])).stdout).toBe(values.rotated);
  });

  it('rm needs --yes off a terminal, and removes the keychain entry', async () => {
    const id = await idOf('GitHub deploy');
    expect(await secretToolSearch(sandbox.service, 'account', `key:${id}`)).toContain(`key:${id}`);
    const unconfirmed = await sandbox.run(['rm', 'GitHub deploy']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toBe('keystash: Not deleting "GitHub deploy" without confirmation: pass --yes.\n');

    const removed = await sandbox.ok(['rm', 'GitHub deploy', '--yes']);
    expect(removed.stderr).toBe('Deleted GitHub deploy.\n');
    expect(await secretToolSearch(sandbox.service, 'account', `key:${id}`)).not.toContain(`key:${id}`);
    expect((await sandbox.run(['get', 'GitHub deploy'])).code).toBe(5);
  });

  it('audit lists events without values, filters them, and verifies the hash chain', async () => {
    const all = await sandbox.ok(['audit']);
    expect(all.stdout).toMatch(/^SEQ\s+TIME\s+EVENT\s+KEY\s+DETAIL\n/);
    for (const event of ['enrol', 'create', 'update', 'get', 'rotate', 'tag_rename', 'tag_delete', 'delete']) {
      expect(all.stdout).toMatch(new RegExp(`\\s${event}\\s`));
    }
    const gets = JSON.parse((await sandbox.ok(['audit', '--event', 'get', '--json'])).stdout).entries;
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((e: { event: string }) => e.event === 'get')).toBe(true);
    const forKey = JSON.parse((await sandbox.ok(['audit', '--key', 'OpenAI main', '--limit', '2', '--json'])).stdout).entries;
    expect(forKey).toHaveLength(2);
    expect((await sandbox.run(['audit', '--event', 'nonsense'])).code).toBe(2);

    expect((await sandbox.ok(['audit', '--verify'])).stdout).toMatch(/^Audit log intact: \d+ entries, hash chain verified\.\n$/);
    expect(JSON.parse((await sandbox.ok(['audit', '--verify', '--json'])).stdout)).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('settings shows and changes the shared settings, refusing out-of-range values with exit 2', async () => {
    expect(JSON.parse((await sandbox.ok(['settings', '--json'])).stdout)).toEqual({ autoLockMinutes: 5, clipboardClearSeconds: 20 });
    await sandbox.ok(['settings', '--auto-lock', '15', '--clipboard-clear', '0']);
    expect((await sandbox.ok(['settings'])).stdout).toBe('Auto-lock:        after 15 min without use\nClipboard clear:  never\n');
    const bad = await sandbox.run(['settings', '--clipboard-clear', '3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('keystash: --clipboard-clear: Clipboard clear must be 0 (never) or 5–300 seconds.\n');
    expect((await sandbox.run(['settings', '--auto-lock', 'soon'])).code).toBe(2);
  });

  it('reports KEYCHAIN_UNAVAILABLE with exit 4 and one clear line when D-Bus is gone', async () => {
    const gone = await sandbox.run(['list'], { env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${sandbox.home}/no-such-bus` } });
    expect(gone.code).toBe(4);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toMatch(/^keystash: No keychain service is reachable\. .*gnome-keyring.*\n$/);
    expect(gone.stderr.split('\n')).toHaveLength(2);
  });

  it('a locked vault unlocks for one command with KEYSTASH_CODE, then reads the value from stdin', async () => {
    await sandbox.ok(['lock']);
    const added = await sandbox.ok(['add', 'Webhook secret', '--tag', 'ci'], {
      input: values.addedWhileLocked,
      env: { KEYSTASH_CODE: await authenticator.nextCode() },
    });
    expect(added.stderr).toBe('Added Webhook secret as $WEBHOOK_SECRET.\n');
    expect((await sandbox.ok(['get', 'Webhook secret'])).stdout).toBe(values.addedWhileLocked);
  });

  it('no value is ever written under KEYSTASH_HOME or printed outside get', async () => {
    for (const value of Object.values(values)) {
      expect(await grepFolder(sandbox.home, value)).toEqual([]);
      expect(sandbox.printedOutsideGet()).not.toContain(value);
    }
    expect(sandbox.printedOutsideGet()).not.toMatch(/\n\s+at /);
  });
});
