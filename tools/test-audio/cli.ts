/**
 * npx tsx tools/test-audio/cli.ts TRANSCRIPT OUTDIR [--turns N] [--voices espeak|flite] [--noise-db -30] [--degrade] [--spoken en|zh] [--seed 1]
 * --degrade: podcast-like (room reverb, a music bed at -20 dB, MP3 at 64 kb/s and back).
 * Writes OUTDIR/audio.wav (16 kHz mono s16) and OUTDIR/truth.json.
 */
import { parseArgs } from 'node:util';
import { makeTestAudio, MissingToolError } from './index';

const USAGE = 'usage: tsx tools/test-audio/cli.ts TRANSCRIPT OUTDIR [--turns N] [--voices espeak|flite] [--noise-db DB] [--degrade] [--spoken en|zh] [--seed N]';

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${value}`);
  return n;
}

/** `--noise-db -30` → `--noise-db=-30`: parseArgs refuses a separate value that starts with a dash. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i].startsWith('--') && !argv[i].includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: joinNegativeValues(process.argv.slice(2)),
    allowPositionals: true,
    allowNegative: false,
    options: {
      turns: { type: 'string' }, voices: { type: 'string' }, 'noise-db': { type: 'string' }, seed: { type: 'string' }, degrade: { type: 'boolean' }, spoken: { type: 'string' },
    },
  });
  const [transcriptPath, outDir] = positionals;
  if (!transcriptPath || !outDir) throw new Error(USAGE);
  const voices = values.voices ?? 'espeak';
  const spoken = values.spoken ?? 'en';
  if (spoken !== 'en' && spoken !== 'zh') throw new Error(`--spoken must be en or zh, got ${spoken}`);
  if (voices !== 'espeak' && voices !== 'flite') throw new Error(`--voices must be espeak or flite, got ${voices}`);
  const started = performance.now();
  const r = await makeTestAudio({
    transcriptPath, outDir, voices,
    maxTurns: num('turns', values.turns), noiseDb: num('noise-db', values['noise-db']), degrade: values.degrade, spoken, seed: num('seed', values.seed),
  });
  const elapsed = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`duration_s=${(r.durationMs / 1000).toFixed(3)} sentences=${r.sentences} turns=${r.turns} elapsed_s=${elapsed}`);
  console.log(`wrote ${r.audioPath} and ${r.truthPath}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof MissingToolError || err instanceof Error ? err.message : String(err));
  process.exit(1);
});
