// ESLint flat config. Besides the usual recommended rules, this file enforces the import direction
// from ARCHITECTURE.md: renderer -> (types of) core/api <- electron | cli | e2e/host -> core.
// scripts/lint-boundaries.test.ts proves each boundary rule fires.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Matches a relative import that climbs out to one of the top-level folders, e.g. `../../cli/x`. */
const intoTopLevel = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const nodeBuiltinNames = [...new Set(builtinModules.map((name) => name.split('/')[0]))].filter(
  (name) => !name.startsWith('_'),
);

const coreBoundary = {
  files: ['core/**/*.{ts,tsx,js,mjs}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(electron|react|react-dom)(/|$)',
            message: 'core/ is plain Node: it may not depend on Electron or React.',
          },
          {
            regex: intoTopLevel('electron', 'renderer', 'cli', 'e2e'),
            message: 'core/ never imports upward: electron/, renderer/, cli/ and e2e/ depend on core, not the reverse.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map((name) => ({
        name,
        message: `core/ runs in plain Node: \`${name}\` is a DOM global.`,
      })),
    ],
  },
};

/**
 * The core modules the window runs itself, as values: the list's selection (search, filters, order),
 * so a keystroke in search needs no call and the window answers as the vault does. Plain JavaScript
 * with no Node; scripts/lint-boundaries.test.ts bundles them for the browser to keep them so.
 */
export const CORE_SHARED_WITH_WINDOW = ['keys/select-records', 'search/search-keys'];

const rendererBoundary = {
  files: ['renderer/**/*.{ts,tsx,js,mjs}'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'electron', message: 'The renderer talks only to window.keystash, never to Electron.' },
        ],
        patterns: [
          {
            // Types are erased at build time; a value would pull core (and Node) into the page.
            regex: `^(\\.\\./)+core($|/(?!(${CORE_SHARED_WITH_WINDOW.join('|')})$))`,
            allowTypeImports: true,
            message: 'The renderer may import only types from core (`import type`); values reach it through window.keystash.',
          },
          {
            regex: intoTopLevel('electron', 'cli', 'e2e'),
            message: 'The renderer may not import from electron/, cli/ or e2e/.',
          },
          {
            regex: `^(node:.*|(${nodeBuiltinNames.join('|')})(/.*)?)$`,
            message: 'The renderer runs in a sandboxed page: Node built-ins are not available.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      ...['process', 'require', 'Buffer', 'global', '__dirname', '__filename'].map((name) => ({
        name,
        message: `The renderer runs in a sandboxed page: \`${name}\` does not exist there.`,
      })),
    ],
  },
};

const electronBoundary = {
  files: ['electron/**/*.{ts,tsx,js,mjs}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: intoTopLevel('renderer', 'cli', 'e2e'),
            message: 'electron/ may import core/, but not renderer/, cli/ or e2e/.',
          },
        ],
      },
    ],
  },
};

const cliBoundary = {
  files: ['cli/**/*.{ts,tsx,js,mjs}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^electron(/|$)',
            message: 'The CLI is plain Node: it may not depend on Electron.',
          },
          {
            regex: intoTopLevel('electron', 'renderer', 'e2e'),
            message: 'cli/ may import core/, but not electron/, renderer/ or e2e/.',
          },
        ],
      },
    ],
  },
};

export default defineConfig(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e/artifacts/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `import { type X }` keeps a side-effect import at run time under verbatimModuleSyntax
      // (so a renderer type import would pull core into the bundle); `import type` does not.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The CLI's launcher is CommonJS on purpose (bin/keystash.cjs says why).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  coreBoundary,
  rendererBoundary,
  electronBoundary,
  cliBoundary,
);
