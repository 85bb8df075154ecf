/**
 * Electronegativity (Doyensec's checker for Electron misconfigurations) over src/, through its run() API: its CLI
 * exits 0 even with findings, so only this test makes a finding fail `npm test`. Exceptions are `eng-disable`
 * comments beside the code, each with its reason after ` -- `; the checks excluded here say why below.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../src/node/web/range';

const ROOT = join(__dirname, '../..');
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  sample?: string;
  description: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Finding[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

/**
 * Checks left out of the scan, and why:
 * - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from GitHub on every run: it needs the
 *   network (this test must run offline) and judges how fresh the electron dependency is, not our code (src/ has
 *   no package.json for it to read anyway). Keeping Electron current is a dependency update, not a code finding.
 * - CSP_GLOBAL_CHECK looks for a policy in <meta> tags or literal header strings; ours is a computed header sent
 *   by the app:// protocol handler (contentSecurityPolicy in src/node/web/range.ts), which it cannot see and
 *   would report as "no CSP". The same evaluator it uses checks that header below instead.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'CSPGlobalCheck'];

/** The Electron the app is built against, so version-dependent defaults are judged for it (not for v0.1). */
function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
  const version = /\d+\.\d+\.\d+/.exec(range)?.[0];
  if (!version) throw new Error(`package.json: no electron version in "${range}"`);
  return version;
}

/**
 * Its start-up fetches translations from the internet (a 1 s time-out, or a hang on a filtering proxy): `got`, the
 * HTTP client it loads, is replaced by one that fails at once, so the scan is offline and uses the bundled English.
 */
const gotPath = createRequire(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js')).resolve('got');
let run: Run;

beforeAll(() => {
  const offline = () => Promise.reject(new Error('offline: Electronegativity runs without network in the tests'));
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
  run = require('@doyensec/electronegativity') as Run;
});

afterAll(() => {
  delete require.cache[gotPath];
});

async function scan(input: string): Promise<ScanResult> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined); // "could not retrieve translations"
  try {
    return await run({ input, isRelative: true, electronVersionOverride: electronVersion(), excludeFromScan: EXCLUDED_CHECKS });
  } finally {
    log.mockRestore();
  }
}

function describeFinding(f: Finding): string {
  return `${f.id} ${f.file}:${f.location.line}:${f.location.column} (${f.severity.name}/${f.confidence.name}) ${f.description}\n    ${f.sample ?? ''}`;
}

describe('Electronegativity', () => {
  it('finds nothing in src/ and parses every file', async () => {
    const result = await scan(join(ROOT, 'src'));
    const unparsed = result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`);
    const findings = result.issues.map(describeFinding);
    if (findings.length > 0) console.error(`Electronegativity findings:\n${findings.join('\n')}`);
    expect(unparsed).toEqual([]);
    expect(findings).toEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(30); // the checks did load
  });

  it('reports a misconfigured window, and an eng-disable comment with a reason silences only its own line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duosub-eng-'));
    try {
      writeFileSync(join(dir, 'main.js'), [
        "const { BrowserWindow, shell } = require('electron');",
        'const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
        'shell.openExternal(w.url);',
        'shell.openExternal(w.url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- the fixture: this one is reviewed',
      ].join('\n'));
      const ids = (await scan(dir)).issues.map((f) => `${f.id}:${f.location.line}`);
      expect(ids).toEqual(expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK:2', 'SANDBOX_JS_CHECK:2', 'OPEN_EXTERNAL_JS_CHECK:3',
        // No will-navigate / setWindowOpenHandler and no permission handler anywhere: the global checks notice.
        'LIMIT_NAVIGATION_GLOBAL_CHECK:0', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK:0',
      ]));
      expect(ids).not.toContain('OPEN_EXTERNAL_JS_CHECK:4');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Every file under `dir` ending in .ts or .tsx. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('Electronegativity exceptions', () => {
  it('justify each eng-disable comment beside the code (a reason after " -- ")', () => {
    const unexplained: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
        const at = line.indexOf('eng-disable');
        if (at >= 0 && !/eng-disable[\w \t]+ -- \S.{10,}/.test(line.slice(at))) unexplained.push(`${relative(ROOT, file)}:${index + 1}`);
      });
    }
    expect(unexplained).toEqual([]);
  });
});

describe("the renderer's Content-Security-Policy (what CSP_GLOBAL_CHECK would have judged)", () => {
  const csp = require('@doyensec/csp-evaluator') as {
    CspParser: new (policy: string) => { csp: unknown };
    CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Array<{ severity: number; directive: string; description: string; value?: string }> };
    Version: { CSP3: unknown };
    severities: Record<string, number>;
  };

  it.each([
    ['Electron (app://, duosub-media:)', contentSecurityPolicy({ media: ['duosub-media:'] })],
    ['browser mode', contentSecurityPolicy()],
  ])('has no weakness the evaluator reports, in %s', (_name, policy) => {
    const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
    const reported = findings
      // 'self' is app://duosub (or the loopback server), which serves only the built renderer: no JSONP endpoints,
      // no user uploads as scripts, so the evaluator's "'self' can be problematic" caveat does not apply.
      .filter((f) => !(f.directive === 'script-src' && f.severity === csp.severities.MEDIUM_MAYBE && /'self'/.test(f.description)))
      .filter((f) => f.severity < csp.severities.INFO)
      .map((f) => `${f.directive}: ${f.description}`);
    expect(reported).toEqual([]);
  });
});
