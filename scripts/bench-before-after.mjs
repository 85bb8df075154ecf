#!/usr/bin/env node
// `node scripts/bench-before-after.mjs [BEFORE_ROOT] [--pairs N]`: runs `bench editing` on another checkout (default
// /tmp/duosub-before, e.g. `git worktree add /tmp/duosub-before <commit>` with node_modules linked in) and on this
// one, taking turns N times (default 1), then prints each run's last line. Same machine, same sitting: the
// seconds drift with the machine's load, the before/after comparison much less. Nothing asserts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const pairsAt = args.indexOf('--pairs');
const pairs = pairsAt >= 0 ? Math.max(1, Number(args.splice(pairsAt, 2)[1]) || 1) : 1;
const before = resolve(args[0] ?? '/tmp/duosub-before');
if (!existsSync(join(before, 'package.json'))) {
  console.error(`no checkout at ${before}: git worktree add ${before} <commit>, then link node_modules into it`);
  process.exit(2);
}

/** One `bench editing` run; returns its last line (or why it failed). */
function run(label, env) {
  console.log(`\n== bench editing, ${label}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'editing.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  process.stdout.write(r.stdout);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return r.status === 0 && last.startsWith('bench editing:') ? last : `failed (${r.signal ?? `exit ${r.status}`})`;
}

const lines = [];
for (let p = 0; p < pairs; p++) {
  lines.push(`before (${before}): ${run('before', { BENCH_EDITING_ROOT: before })}`);
  lines.push(`after  (${root}): ${run('after', { BENCH_EDITING_ROOT: '' })}`);
}
console.log(`\n${lines.join('\n')}`);
process.exit(lines.some((l) => l.includes(': failed (')) ? 1 : 0);
