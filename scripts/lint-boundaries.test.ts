import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import-direction rule from ARCHITECTURE.md is only worth something if it fires. Each case
// lints a snippet as if it lived at the given path (the file need not exist).
const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.js') });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.severity === 2)
    .map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`)
    .filter((text) => /no-restricted-(imports|globals)|fatal/.test(text));
}

describe('import boundaries', () => {
  it('core may not import electron', async () => {
    const errors = await boundaryErrors('core/vault/example.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: .*Electron/)]);
  });

  it('core may not import react or react-dom', async () => {
    const errors = await boundaryErrors(
      'core/example.ts',
      "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nexport const a = [useState, createRoot];\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('core may not import upward from electron/, renderer/, cli/ or e2e/', async () => {
    for (const target of ['../../electron/main', '../../renderer/App', '../../cli/main', '../../e2e/host/main']) {
      const errors = await boundaryErrors('core/vault/example.ts', `import x from '${target}';\nexport const a = x;\n`);
      expect(errors, target).toEqual([expect.stringMatching(/^no-restricted-imports: .*never imports upward/)]);
    }
  });

  it('core may not use DOM globals', async () => {
    const errors = await boundaryErrors(
      'core/example.ts',
      'export const a = [window.name, document.title, navigator.userAgent];\n',
    );
    expect(errors).toHaveLength(3);
    expect(errors.every((text) => text.startsWith('no-restricted-globals:'))).toBe(true);
  });

  it('core may import Node built-ins and its own modules', async () => {
    const errors = await boundaryErrors(
      'core/vault/example.ts',
      "import { readFile } from 'node:fs/promises';\nimport { VaultError } from '../errors';\nexport const a = [readFile, VaultError];\n",
    );
    expect(errors).toEqual([]);
  });

  it('the renderer may not import a runtime value from core/api', async () => {
    const errors = await boundaryErrors(
      'renderer/App.tsx',
      "import { operations } from '../core/api/operations';\nexport const a = operations;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*only types from core/)]);
  });

  it('the renderer may import types from core/api with `import type`', async () => {
    const errors = await boundaryErrors(
      'renderer/screens/KeyList.tsx',
      "import type { KeystashApi } from '../../core/api/bridge';\nexport type Api = KeystashApi;\n",
    );
    expect(errors).toEqual([]);
  });

  it('the renderer must write `import type`, not `import { type X }`, which keeps core in the bundle', async () => {
    const [result] = await eslint.lintText(
      "import { type KeystashApi } from '../core/api/bridge';\nexport type Api = KeystashApi;\n",
      { filePath: resolve(root, 'renderer/App.tsx') },
    );
    expect(result?.messages.map((message) => message.ruleId)).toContain('@typescript-eslint/no-import-type-side-effects');
  });

  it('the renderer may not import a runtime value from anywhere in core', async () => {
    const errors = await boundaryErrors(
      'renderer/App.tsx',
      "import { VaultError } from '../core/errors';\nexport const a = VaultError;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('the renderer may import as values only the core modules it shares (the list selection), not their neighbours', async () => {
    const shared = await boundaryErrors(
      'renderer/api/useKeySearch.ts',
      "import { selectRecords } from '../../core/keys/select-records';\nimport { prepareSearch } from '../../core/search/search-keys';\nexport const a = [selectRecords, prepareSearch];\n",
    );
    expect(shared).toEqual([]);
    for (const neighbour of ['../../core/keys/list-keys', '../../core/keys/select-records-extra', '../../core/search', '../../core']) {
      const errors = await boundaryErrors('renderer/api/useKeySearch.ts', `import * as x from '${neighbour}';\nexport const a = x;\n`);
      expect(errors, neighbour).toEqual([expect.stringMatching(/only types from core/)]);
    }
  });

  it('the core modules the renderer shares bundle for a browser page, with no Node built-in', async () => {
    const { build } = await import('esbuild');
    // The config is plain JavaScript with no types; the list is its own export.
    const config: { CORE_SHARED_WITH_WINDOW: string[] } = await import(resolve(root, 'eslint.config.js'));
    expect(config.CORE_SHARED_WITH_WINDOW.length).toBeGreaterThan(0);
    for (const module of config.CORE_SHARED_WITH_WINDOW) {
      // esbuild refuses to resolve a Node built-in (or anything that imports one) for the browser.
      const result = await build({ entryPoints: [resolve(root, 'core', `${module}.ts`)], bundle: true, platform: 'browser', write: false, logLevel: 'silent' });
      expect(result.errors, module).toEqual([]);
      expect(result.outputFiles[0]!.text, module).not.toMatch(/require\(["']node:|from ["']node:/);
    }
  });

  it('the renderer may not import electron or Node built-ins', async () => {
    const errors = await boundaryErrors(
      'renderer/App.tsx',
      "import { ipcRenderer } from 'electron';\nimport fs from 'node:fs';\nimport path from 'path';\nexport const a = [ipcRenderer, fs, path];\n",
    );
    expect(errors).toHaveLength(3);
  });

  it('electron/ may not import from renderer/ or cli/', async () => {
    const errors = await boundaryErrors(
      'electron/main.ts',
      "import App from '../renderer/App';\nimport { run } from '../cli/main';\nexport const a = [App, run];\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('electron/ may import core', async () => {
    const errors = await boundaryErrors(
      'electron/ipc/register.ts',
      "import { operations } from '../../core/api/operations';\nexport const a = operations;\n",
    );
    expect(errors).toEqual([]);
  });

  it('cli/ may not import electron or the renderer', async () => {
    const errors = await boundaryErrors(
      'cli/commands/run.ts',
      "import { app } from 'electron';\nimport x from '../../electron/main';\nimport y from '../../renderer/App';\nexport const a = [app, x, y];\n",
    );
    expect(errors).toHaveLength(3);
  });
});
