/**
 * SRT reading and writing: `parseSrt` (src/shared/formats/srt-read.ts) against subsrt-ts on the same bilingual
 * 100,000-cue text (a 3-hour podcast is ~5,000; this is the stress case). `readSubtitleText` is measured too: it is
 * what the app and CLI call, and it may add passes over the cues (language guessing, splitting a bilingual file).
 * Last line: `bench formats: cues=100000 parse_ms=… subsrt_ms=… ratio_vs_subsrt=… serialize_ms=… subsrt_build_ms=…`.
 */
import subsrt from 'subsrt-ts';
import { readSubtitleText } from '../src/shared/formats/registry';
import { parseSrt, serializeSrt } from '../src/shared/formats/srt';
import type { Cue, SubtitleDocument } from '../src/shared/model';
import { fixed, medians, runCount } from './lib/measure';

const CUES = Number(process.env.BENCH_CUES) || 100_000;
const RUNS = runCount(7);

const WORDS = 'we are defining the next generation of compute and the chips that power it every single day'.split(' ');
const HANZI = '我们正在定义人类文明的下一代操作系统与计算基础设施的未来萨姆·奥尔特曼说芯片“引号”——';

/** A bilingual document shaped like a podcast: 1–3 s cues, small gaps, a Chinese line then one or two English. */
function buildDocument(): SubtitleDocument {
  const cues: Cue[] = [];
  let t = 0;
  for (let i = 0; i < CUES; i++) {
    const start = t + 40 + ((i * 37) % 400);
    const end = start + 1000 + ((i * 91) % 2000);
    const words = Array.from({ length: 6 + (i % 9) }, (_, k) => WORDS[(i + k * 5) % WORDS.length]);
    const en = i % 4 === 0 ? `${words.slice(0, 4).join(' ')}\n${words.slice(4).join(' ')}` : words.join(' ');
    const zh = HANZI.slice(i % 10, (i % 10) + 8 + (i % 12));
    cues.push({ id: `c${i + 1}`, start, end, speaker: null, text: { 'zh-Hans': zh, en } });
    t = end;
  }
  return {
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    cues,
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };
}

async function main(): Promise<void> {
  const doc = buildDocument();
  const srt = serializeSrt(doc, { langs: ['zh-Hans', 'en'] });

  // Sanity before timing: both readers must see every cue, or the comparison means nothing.
  const ours = parseSrt(srt, 'en');
  const read = readSubtitleText(srt, 'bench.srt');
  const theirs = subsrt.parse(srt, { format: 'srt' }).filter((c) => c.type === 'caption');
  if (ours.doc.cues.length !== CUES || read.doc.cues.length !== CUES || theirs.length !== CUES) {
    throw new Error(`cue counts differ: ours=${ours.doc.cues.length} read=${read.doc.cues.length} subsrt=${theirs.length} expected=${CUES}`);
  }
  if (ours.problems.length) throw new Error(`our parser reported problems: ${ours.problems[0].message}`);
  const oneLanguage = { ...doc, languages: [doc.languages[1]] };

  for (let i = 0; i < 2; i++) { // warm-up: let the JIT see both code paths before timing
    parseSrt(srt, 'en');
    subsrt.parse(srt, { format: 'srt' });
  }
  const m = await medians(RUNS, {
    parse: () => parseSrt(srt, 'en'),
    subsrt: () => subsrt.parse(srt, { format: 'srt' }),
    read: () => readSubtitleText(srt, 'bench.srt'),
    serialize: () => serializeSrt(doc, { langs: ['zh-Hans', 'en'] }),
    serializeOne: () => serializeSrt(oneLanguage, { lang: 'en' }),
    subsrtBuild: () => subsrt.build(theirs, { format: 'srt' }),
  });
  console.log(`srt bytes=${Buffer.byteLength(srt)} runs=${RUNS} (medians)`);
  console.log(
    `readSubtitleText_ms=${fixed(m.read)} (languages ${read.doc.languages.map((l) => l.code).join('+')}) ` +
      `ratio_read_vs_subsrt=${fixed(m.read / m.subsrt, 2)} serialize_one_language_ms=${fixed(m.serializeOne)}`,
  );
  console.log(
    `bench formats: cues=${CUES} parse_ms=${fixed(m.parse)} subsrt_ms=${fixed(m.subsrt)} ` +
      `ratio_vs_subsrt=${fixed(m.parse / m.subsrt, 2)} serialize_ms=${fixed(m.serialize)} subsrt_build_ms=${fixed(m.subsrtBuild)}`,
  );
}

main().catch((err: unknown) => {
  console.error(`bench formats: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
