import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

// electron-builder checks its configuration only when `npm run dist` runs, which needs the
// Electron binary. This test checks it against the same JSON schema on every `npm test`.
// ajv and js-yaml are the copies electron-builder itself depends on (no extra install).
const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// js-yaml ships no type declarations; `load` is the one function used here.
const yaml = require('js-yaml') as { load(text: string): unknown };

const schema: object = JSON.parse(
  readFileSync(require.resolve('app-builder-lib/scheme.json', { paths: [root] }), 'utf8'),
) as object;
// The options electron-builder uses, minus coerceTypes, so a string where a boolean belongs fails here.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function errorsOf(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('matches the electron-builder schema', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('keeps the settings the app relies on', () => {
    expect(config).toMatchObject({
      appId: 'dev.keystash.app',
      productName: 'Keystash',
      npmRebuild: false,
      asar: true,
      directories: { output: 'dist' },
      deb: { depends: expect.arrayContaining(['libsecret-1-0', 'libgtk-3-0', 'libnss3']) },
    });
  });

  it('packages the built app, which package.json "main" points into', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(pkg.main).toMatch(/^out\//);
  });

  it('the validator really rejects a misspelled option', () => {
    expect(errorsOf({ ...config, appID: 'typo' })).not.toEqual([]);
  });
});
