/**
 * `npm run fuzz [-- --inputs N] [--seed S] [--slow-ms MS] [--no-pathological] [--verbose] [--out DIR]`: mutated, generated
 * and pathological inputs to every reader in the registry and the project loader (fuzz-engine.ts). Default
 * 1,000,000 inputs (one input = one text given to one reader). Offending inputs are saved to DIR as JSON (the
 * text exactly, lone surrogates included) with how to replay them; the first few are printed. Last line:
 * `fuzz: inputs=N crashes=C slow=S`; exit 1 on any crash or slow input. Slow: over 1 s (`--slow-ms`); the
 * pathological inputs (up to 50 MB) get that per million characters, which a linear reader meets.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz, type Failure } from './fuzz-engine';

interface Args {
  inputs: number;
  seed: number;
  slowMs: number;
  pathological: boolean;
  out: string;
  verbose: boolean;
}

function parse(argv: string[]): Args {
  const args: Args = { inputs: 1_000_000, seed: 1, slowMs: 1000, pathological: true, out: join(tmpdir(), 'duosub-fuzz'), verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--inputs') args.inputs = positive(flag, value());
    else if (flag === '--seed') args.seed = positive(flag, value());
    else if (flag === '--slow-ms') args.slowMs = positive(flag, value());
    else if (flag === '--out') args.out = value();
    else if (flag === '--no-pathological') args.pathological = false;
    else if (flag === '--verbose') args.verbose = true;
    else {
      console.error(`fuzz: unknown option ${flag}; options: --inputs N --seed S --slow-ms MS --no-pathological --verbose --out DIR`);
      process.exit(2);
    }
  }
  return args;
}

function positive(flag: string, text: string | undefined): number {
  const n = Number(text?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`fuzz: ${flag} needs a positive whole number`);
    process.exit(2);
  }
  return n;
}

function preview(text: string): string {
  const shown = JSON.stringify(text.length > 160 ? text.slice(0, 160) : text);
  return text.length > 160 ? `${shown}… (${text.length} chars)` : shown;
}

function save(dir: string, failures: Failure[]): string[] {
  mkdirSync(dir, { recursive: true });
  return failures.map((f, i) => {
    const path = join(dir, `${f.kind}-${i + 1}.json`);
    writeFileSync(path, JSON.stringify(f, null, 1));
    return path;
  });
}

function main(): void {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  let shown = 0;
  const result = runFuzz({
    inputs: args.inputs,
    seed: args.seed,
    slowMs: args.slowMs,
    pathological: args.pathological,
    fixtureDirs: ['test/fixtures/formats', 'test/fixtures/export'],
    onPathological: (name, target) => {
      if (args.verbose) console.log(`fuzz: pathological "${name}" → ${target}`);
    },
    onProgress: (done, failures) => {
      const step = Math.floor(done / 100_000);
      if (step > shown) {
        shown = step;
        console.log(`fuzz: ${done} inputs, ${failures} failures, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    },
  });
  for (const p of result.pathologicalMs) {
    console.log(`fuzz: pathological "${p.name}" (${p.chars} chars, limit ${p.limitMs.toFixed(0)} ms): slowest ${p.target} ${p.ms.toFixed(0)} ms`);
  }
  const failures = [...result.crashes, ...result.slow];
  if (failures.length > 0) {
    const paths = save(args.out, failures);
    console.log(`fuzz: ${failures.length} offending inputs saved to ${args.out} (replay: the JSON's text through its target under its fileName)`);
    for (const [i, f] of failures.slice(0, 5).entries()) {
      console.log(`\n${f.kind} in ${f.target} (${f.fileName}, ${f.origin}, ${f.ms.toFixed(0)} ms) → ${paths[i]}`);
      if (f.error) console.log(f.error);
      console.log(`input: ${preview(f.text)}`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: texts=${result.texts} seed=${args.seed} time=${seconds}s`);
  console.log(`fuzz: inputs=${result.inputs} crashes=${result.crashCount} slow=${result.slowCount}`);
  process.exitCode = result.crashCount + result.slowCount > 0 ? 1 : 0;
}

main();
