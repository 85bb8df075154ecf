// local/no-folder-cycles (eslint-rules/) on tiny source trees written to a temp folder: loops are reported at the
// import that closes them, downward imports are not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../eslint-rules/no-folder-cycles.js';
import { importSpecifiers } from '../../eslint-rules/import-graph.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (path → text) under a fresh temp root; returns the root. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'duosub-lint-cycles-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A RuleTester case for `path` in `root`, its code as on disk. */
function at(root: string, files: Record<string, string>, path: string, options: object = {}) {
  return { filename: join(root, path), code: files[path], options: [{ root, ...options }] };
}

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

const twoFolders = {
  'waveform/peaks.ts': "import { frame } from '../video/frame';\nexport const peaks = frame;\n",
  'video/frame.ts': "import { peaks } from '../waveform/peaks';\nexport const frame = 1;\nexport const x = peaks;\n",
};
const twoFoldersRoot = tree(twoFolders);

const roundThree = {
  'toolbar/bar.ts': "import { help } from '../help/help';\nexport const bar = help;\n",
  'help/help.ts': "import { keys } from '../keymap/keys';\nexport const help = keys;\n",
  'keymap/keys.ts': "import type { Bar } from '../toolbar/types';\nexport const keys = 1 as unknown as Bar;\n",
  'toolbar/types.ts': 'export type Bar = number;\n',
};
const roundThreeRoot = tree(roundThree);

const downward = {
  'commands/split.ts': "import { lines } from '../text/lines';\nexport * from '../text/lines';\nexport const split = lines;\n",
  'text/lines.ts': 'export const lines = 1;\n',
};
const downwardRoot = tree(downward);

const fileCircle = {
  'panes/language-pane.ts': "import { wirePointer } from './pane-pointer';\nexport class LanguagePane { w = wirePointer; }\n",
  'panes/pane-pointer.ts': "import type { LanguagePane } from './language-pane';\nexport function wirePointer(p: LanguagePane) { return p; }\n",
};
const fileCircleRoot = tree(fileCircle);

const fileLine = {
  'panes/language-pane.ts': "import { wirePointer } from './pane-pointer';\nimport type { PointerPane } from './pointer-pane';\nexport class LanguagePane implements PointerPane { w = wirePointer; }\n",
  'panes/pane-pointer.ts': "import type { PointerPane } from './pointer-pane';\nexport function wirePointer(p: PointerPane) { return p; }\n",
  'panes/pointer-pane.ts': 'export interface PointerPane { lang?: string }\n',
};
const fileLineRoot = tree(fileLine);

// model.ts sits beside formats/: formats reading it and api.ts (beside it) reading formats is layering, not a loop.
const besideSubfolders = {
  'model.ts': 'export interface Cue { id: string }\n',
  'api.ts': "import { read } from './formats/read';\nexport const api = read;\n",
  'formats/read.ts': "import type { Cue } from '../model';\nexport const read = (c: Cue) => c;\n",
};
const besideRoot = tree(besideSubfolders);

const lazyLoop = {
  'panes/load.ts': "export const load = () => import('../app/main');\n",
  'app/main.ts': "import { load } from '../panes/load';\nexport const main = load;\n",
};
const lazyRoot = tree(lazyLoop);

tester.run('no-folder-cycles', rule, {
  valid: [
    at(downwardRoot, downward, 'commands/split.ts'),
    at(downwardRoot, downward, 'text/lines.ts'),
    at(fileLineRoot, fileLine, 'panes/language-pane.ts'),
    at(fileLineRoot, fileLine, 'panes/pane-pointer.ts'),
    at(besideRoot, besideSubfolders, 'formats/read.ts'),
    at(besideRoot, besideSubfolders, 'api.ts'),
    // A file outside the configured root is not looked at.
    { filename: join(twoFoldersRoot, 'waveform/peaks.ts'), code: twoFolders['waveform/peaks.ts'], options: [{ root: join(twoFoldersRoot, 'video') }] },
  ],
  invalid: [
    {
      ...at(twoFoldersRoot, twoFolders, 'waveform/peaks.ts'),
      errors: [{ messageId: 'folderLoop', line: 1, data: { from: 'waveform', to: 'video', loop: 'video → waveform', hop: ' (video/frame.ts imports waveform/peaks.ts)' } }],
    },
    {
      ...at(twoFoldersRoot, twoFolders, 'video/frame.ts'),
      errors: [{ messageId: 'folderLoop', line: 1 }],
    },
    {
      // A type-only import closes a loop as well: the folders still cannot be read apart.
      ...at(roundThreeRoot, roundThree, 'keymap/keys.ts'),
      errors: [{ messageId: 'folderLoop', data: { from: 'keymap', to: 'toolbar', loop: 'toolbar → help → keymap', hop: ' (toolbar/bar.ts imports help/help.ts)' } }],
    },
    { ...at(roundThreeRoot, roundThree, 'toolbar/bar.ts'), errors: [{ messageId: 'folderLoop' }] },
    { ...at(roundThreeRoot, roundThree, 'help/help.ts'), errors: [{ messageId: 'folderLoop' }] },
    {
      ...at(fileCircleRoot, fileCircle, 'panes/pane-pointer.ts'),
      errors: [{ messageId: 'fileLoop', data: { from: 'panes/pane-pointer.ts', to: 'panes/language-pane.ts', loop: 'panes/language-pane.ts → panes/pane-pointer.ts' } }],
    },
    { ...at(fileCircleRoot, fileCircle, 'panes/language-pane.ts'), errors: [{ messageId: 'fileLoop' }] },
    { ...at(lazyRoot, lazyLoop, 'panes/load.ts'), errors: [{ messageId: 'folderLoop', line: 1 }] },
    // strictFolders: a file beside subfolders belongs to its folder, so the folder and its subfolder loop.
    { ...at(besideRoot, besideSubfolders, 'formats/read.ts', { strictFolders: true }), errors: [{ messageId: 'folderLoop' }] },
  ],
});

describe('importSpecifiers', () => {
  it('reads static, multi-line, re-export, bare and dynamic imports, and nothing else', () => {
    const text = [
      "import { a,\n  b } from './ab';",
      "import type { C } from '../c';",
      "export * from './d';",
      "export { e } from \"./e\";",
      "import './style.css';",
      "const f = await import('./f');",
      "export const from = 'g';",
      "const h = { from: './not-an-import' };",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./ab', '../c', './d', './e', './style.css', './f']);
  });
});
