import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportEntry } from '../api/schemas';
import { fakePem } from '../detect/fake-token';
import { secretAccount } from '../keys/key-service';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { scanDotenv } from './dotenv-scan';
import { planDotenvImport } from './import-plan';
import { RewriteChangesMeaning, rewriteWithReferences } from './rewrite-references';
import { TRICKY_ENV } from './tricky-env.fixture';

describe('planDotenvImport', () => {
  it('names keys after variables, detects the provider, and says why a row is left out', () => {
    const pem = fakePem('PRIVATE KEY', 'import-plan');
    const text = `${TRICKY_ENV}ALREADY=keystash://Stripe%20live\nDEPLOY_KEY="${pem.replace(/\n/g, '\\n')}"\n`;
    const rows = planDotenvImport(scanDotenv(text), { tags: ['imported'] });
    const row = (variable: string) => rows.find((r) => r.variable === variable)!;
    expect(row('PLAIN')).toMatchObject({
      status: 'import',
      line: 2,
      entry: { name: 'PLAIN', envVar: 'PLAIN', secret: 'plain-value-1', provider: null, tags: ['imported'] },
    });
    expect(row('DEPLOY_KEY').entry).toMatchObject({ secret: pem, provider: 'Private key' });
    expect(row('EMPTY')).toMatchObject({ status: 'skipped', reason: 'empty value', entry: null });
    expect(row('EMPTY_QUOTED')).toMatchObject({ status: 'skipped', reason: 'empty value' });
    expect(row('ALREADY')).toMatchObject({ status: 'skipped', reason: 'already a keystash:// reference' });
    expect(row('DOTTED.NAME')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/environment variable name/) });
    expect(row('DUPLICATE')).toMatchObject({ line: 18, overriddenLines: [16], entry: { secret: 'second-value-11' } });
    // One row per variable, in file order of the assignment that counts.
    expect(rows.map((r) => r.variable)).toEqual([...scanDotenv(text).values.keys()]);
  });
});

describe('rewriteWithReferences', () => {
  it('replaces only the values, keeping quotes, comments, blank lines, CRLF and every other byte', () => {
    const original = [
      '# header',
      'export A = "value-a" # keep this comment',
      "B='value b'",
      'C=value-c',
      '',
      'KEEP=unchanged',
      'A=again',
      'PEM="line1',
      'line2"',
      '',
    ].join('\r\n');
    const scanned = scanDotenv(original);
    const { text, replaced } = rewriteWithReferences(
      original,
      scanned,
      new Map([
        ['A', 'keystash://A'],
        ['B', 'keystash://B'],
        ['C', 'keystash://C'],
        ['PEM', 'keystash://PEM'],
      ]),
    );
    expect(replaced).toBe(5);
    expect(text).toBe(
      [
        '# header',
        'export A = "keystash://A" # keep this comment',
        "B='keystash://B'",
        'C=keystash://C',
        '',
        'KEEP=unchanged',
        'A=keystash://A',
        'PEM="keystash://PEM"',
        '',
      ].join('\r\n'),
    );
  });
});

describe('rewriteWithReferences refuses a rewrite that dotenv would read differently', () => {
  // LEGACY's backtick is unterminated, so dotenv reads it to the end of its line; TICK's value holds
  // the next backtick. Without that backtick, LEGACY's would pair with the lone one on line 3.
  const original = "LEGACY=`unterminated-legacy-1\nTICK='tick`value-2'\n`\n";

  it('names the variables whose reading would change, never a value', () => {
    const attempt = () => rewriteWithReferences(original, scanDotenv(original), new Map([['TICK', 'keystash://TICK']]));
    expect(attempt).toThrow(RewriteChangesMeaning);
    expect(attempt).toThrow('with references in place, dotenv would read LEGACY, TICK differently');
  });

  it('counts, and never names, a variable dotenv would find only inside another value', () => {
    // With TICK's backtick gone, LEGACY's pairs with the one opening SECRET's value, and dotenv then
    // reads the value's second line as an assignment of its own.
    const text = "LEGACY=`unterminated\nTICK='`'\nSECRET=\"`\nHIDDENNAME=x\"\n";
    const refusal = (() => {
      try {
        rewriteWithReferences(text, scanDotenv(text), new Map([['TICK', 'keystash://TICK']]));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RewriteChangesMeaning);
    expect((refusal as Error).message).toBe(
      'with references in place, dotenv would read LEGACY, TICK, SECRET differently and find 1 variable the file does not set',
    );
    expect((refusal as Error).message).not.toContain('HIDDENNAME');
  });

  it('allows the same file when the unterminated value moves too', () => {
    const references = new Map([
      ['LEGACY', 'keystash://LEGACY'],
      ['TICK', 'keystash://TICK'],
    ]);
    expect(rewriteWithReferences(original, scanDotenv(original), references).text).toBe("LEGACY=keystash://LEGACY\nTICK='keystash://TICK'\n`\n");
  });
});

describe('KeyService.importMany (real keychain)', () => {
  let t: TestVault;
  const entry = (name: string, secret: string, extra: Partial<ImportEntry> = {}): ImportEntry => ({ name, secret, envVar: name, tags: [], ...extra });
  const stored = (id: string) => t.keychain.get(secretAccount(id));

  beforeAll(async () => {
    t = await createTestVault();
    await t.enrol();
  });
  afterAll(() => t.cleanup());

  it('imports a batch with one index write, in order, refusing a name twice in one batch', async () => {
    const update = vi.spyOn(t.vault.index, 'update');
    const outcomes = await t.vault.keys.importMany(
      [entry('ONE', 'v1', { tags: ['Imported'] }), entry('TWO', 'v2', { provider: 'Example', tags: ['imported'] }), entry('one', 'v1b')],
      { onConflict: 'skip', dryRun: false },
    );
    expect(update).toHaveBeenCalledTimes(1);
    update.mockRestore();
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['ONE', 'created'],
      ['TWO', 'created'],
      ['one', 'failed'],
    ]);
    expect(await stored(outcomes[0]!.id!)).toBe('v1');
    const two = await t.vault.keys.find({ name: 'TWO' });
    expect(two).toMatchObject({ envVar: 'TWO', provider: 'Example', tags: ['Imported'] }); // the batch's first spelling
  });

  it("stamps the keys of one import a millisecond apart in the file's order, so newest first lists them last to first", async () => {
    const names = ['ZULU_FIRST', 'ALPHA_SECOND', 'MIKE_THIRD'];
    await t.vault.keys.importMany(
      names.map((name, i) => entry(name, `v${i}`)),
      { onConflict: 'skip', dryRun: false },
    );
    const created = await Promise.all(names.map(async (name) => Date.parse((await t.vault.keys.find({ name })).createdAt)));
    expect(created.map((ms) => ms - created[2]!)).toEqual([-2, -1, 0]);
    expect(created[2]).toBe(t.clock.now());
    const newest = await t.dispatch('listKeys', { query: '_', sort: 'created', limit: 3 });
    expect(newest.ok && newest.value.keys.map((k) => k.name)).toEqual(['MIKE_THIRD', 'ALPHA_SECOND', 'ZULU_FIRST']);
    // The tests below expect the vault as the first test left it.
    for (const name of names) expect(await t.dispatch('deleteKey', { key: { name } })).toMatchObject({ ok: true });
  });

  it('skips or replaces an existing name; a replacement is a rotation that merges tags and keeps fields', async () => {
    await t.vault.keys.update({ key: { name: 'ONE' }, envVar: 'CUSTOM_VAR', tags: ['kept'] });
    const skipped = await t.vault.keys.importMany([entry('one', 'new')], { onConflict: 'skip', dryRun: false });
    expect(skipped[0]).toMatchObject({ status: 'skipped', reason: 'a key named "ONE" already exists' });
    const replaced = await t.vault.keys.importMany([entry('one', 'new', { tags: ['fresh'], provider: 'P' }), entry('TWO', 'v2')], {
      onConflict: 'replace',
      dryRun: false,
    });
    expect(replaced.map((o) => [o.status, o.reason])).toEqual([
      ['replaced', null],
      ['skipped', 'the vault already holds this value'],
    ]);
    const one = await t.vault.keys.find({ name: 'ONE' });
    expect(one).toMatchObject({ envVar: 'CUSTOM_VAR', provider: 'P', tags: ['kept', 'fresh'] });
    expect(one.rotatedAt).not.toBeNull();
    expect(await stored(one.id)).toBe('new');
  });

  it('fails only the entry whose value the keychain refuses, and imports the rest', async () => {
    const outcomes = await t.vault.keys.importMany([entry('NUL_VALUE', 'a\0b'), entry('AFTER_NUL', 'fine')], { onConflict: 'skip', dryRun: false });
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['failed', expect.stringMatching(/NUL/)],
      ['created', null],
    ]);
    expect((await t.vault.keys.all()).map((k) => k.name)).not.toContain('NUL_VALUE');
    await t.vault.keys.delete({ name: 'AFTER_NUL' });
  });

  it('a dry run reads the index and writes nothing', async () => {
    const update = vi.spyOn(t.vault.index, 'update');
    const outcomes = await t.vault.keys.importMany([entry('THREE', 'v3'), entry('ONE', 'x')], { onConflict: 'replace', dryRun: true });
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'replaced']);
    expect(update).not.toHaveBeenCalled();
    update.mockRestore();
    expect(await stored(outcomes[0]!.id!)).toBeNull();
    expect(await stored(outcomes[1]!.id!)).toBe('new');
  });

  it('puts every keychain entry back as it was when the index write fails', async () => {
    const one = await t.vault.keys.find({ name: 'ONE' });
    const progress: number[] = [];
    const update = vi.spyOn(t.vault.index, 'update').mockRejectedValueOnce(new Error('disk full'));
    const set = vi.spyOn(t.keychain, 'set');
    const attempt = t.vault.keys.importMany([entry('FOUR', 'v4'), entry('ONE', 'changed'), entry('FIVE', 'v5')], {
      onConflict: 'replace',
      dryRun: false,
      onProgress: (done) => progress.push(done),
    });
    await expect(attempt).rejects.toThrow('disk full');
    const accounts = [...new Set(set.mock.calls.map(([account]) => account))];
    update.mockRestore();
    set.mockRestore();
    expect(progress).toEqual([1, 2, 3]);
    expect(accounts).toHaveLength(3);
    // The replaced value is back, and the new keys' values are gone from the keychain.
    expect(await stored(one.id)).toBe('new');
    for (const account of accounts.filter((a) => a !== secretAccount(one.id))) expect(await t.keychain.get(account)).toBeNull();
    expect((await t.vault.keys.all()).map((k) => k.name).sort()).toEqual(['ONE', 'TWO']);
  });
});
