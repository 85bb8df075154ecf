// Lint: typescript-eslint's recommended rules, plus the layering rule of DESIGN.md:
// src/shared is the pure domain — it imports nothing of ours outside itself, no electron, no node:, no DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';
import local from './eslint-rules/index.js';

const layerOutsideShared = ['**/main/**', '**/node/**', '**/renderer/**', '**/preload/**', '**/cli/**', '../main/*', '../node/*', '../renderer/*', '../preload/*', '../cli/*'];

export default tseslint.config(
  { ignores: ['.cache/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Regular expressions read untrusted files: none may take super-linear time (issue 11; the 195 KB of
    // blank lines once took 49 s to detect). The recommended set catches wrong patterns too; the style-only rules
    // that would only reword working patterns are off. A justified exception is a disable comment saying why the
    // input is bounded.
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    plugins: { regexp },
    rules: {
      ...regexp.configs['flat/recommended'].rules,
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/use-ignore-case': 'off',
      'regexp/prefer-d': 'off',
      'regexp/no-unused-capturing-group': 'off',
    },
  },
  {
    // No import loops between folders (a file beside subfolders counts as one of its own), nor between the files of
    // one folder: eslint-rules/no-folder-cycles.js. A warning while issue 14 removes today's loops; then an error.
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    plugins: { local },
    rules: { 'local/no-folder-cycles': ['error', { root: 'src' }] },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    ignores: ['src/renderer/**', 'src/shared/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: layerOutsideShared, message: 'src/shared is the pure domain: it imports nothing from main, renderer, preload or cli.' },
          { group: ['electron', 'electron/*'], message: 'src/shared must not import electron.' },
          { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads'], message: 'src/shared must not import Node built-ins.' },
          { group: ['react', 'react-dom', 'react-dom/*', 'monaco-editor', 'monaco-editor/*', 'wavesurfer.js', 'wavesurfer.js/*'], message: 'src/shared must not import DOM libraries.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // The Node services (src/node) are shared by the CLI, the benches, browser mode and the Electron shell: only the
    // shell's wiring files touch electron, and nothing below the shell imports it.
    files: ['src/main/**', 'src/node/**', 'src/cli/**'],
    ignores: ['src/main/index.ts', 'src/main/electron-platform.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only src/main/index.ts and electron-platform.ts may import electron.' },
          { group: ['**/renderer/**', '../renderer/*', '**/preload/**'], message: 'main/node/cli must not import across the process line.' },
        ],
      }],
    },
  },
  {
    files: ['src/node/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'src/node and src/cli run without Electron: only the shell (src/main) may import it.' },
          { group: ['**/renderer/**', '../renderer/*', '**/preload/**'], message: 'node/cli must not import across the process line.' },
          { group: ['**/main/**', '../main/*'], message: 'src/node is below the Electron shell (src/main): it must not import it.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**', 'src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/main/**', '../main/*', '**/node/**', '../node/*', '**/cli/**', 'node:*'], message: 'renderer/preload must not import main-process or Node code.' }],
      }],
    },
  },
);
