/**
 * A large zh-Hans + en document shaped like an interview podcast, for the editing benchmark: ~2.5 s cues
 * with small gaps, five speakers in turns, sentences of realistic length, about a third of the cues on
 * two lines. Deterministic (seeded), so every run edits the same text.
 */
import { speakerColor, type Cue, type SubtitleDocument } from '../../src/shared/model';
import { seeded } from '../../scripts/fuzz-inputs';

const EN_WORDS = (
  'we the chips compute model people think really about that what going next because data training ' +
  'actually and so it was I you is a of to in for on with this have be at one new can just like more ' +
  'inference infrastructure year team build scale problem research customers product every partnership'
).split(' ');

const ZH_CHARS = '我们正在定义人类文明的下一代操作系统与计算基础设施的未来这个模型训练数据其实非常重要所以大家都在思考怎么做';

const SPEAKERS = 5;

function englishSentence(rand: () => number, twoLines: boolean): string {
  const count = twoLines ? 11 + Math.floor(rand() * 8) : 5 + Math.floor(rand() * 7);
  const words = Array.from({ length: count }, () => EN_WORDS[Math.floor(rand() * EN_WORDS.length)]);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  const text = `${words.join(' ')}${rand() < 0.2 ? '?' : '.'}`;
  if (!twoLines) return text;
  const half = words.slice(0, Math.ceil(count / 2)).join(' ').length;
  return `${text.slice(0, half)}\n${text.slice(half + 1)}`;
}

function chineseSentence(rand: () => number, twoLines: boolean): string {
  const pick = (n: number) => Array.from({ length: n }, () => ZH_CHARS[Math.floor(rand() * ZH_CHARS.length)]).join('');
  const end = rand() < 0.2 ? '？' : '。';
  if (!twoLines) return `${pick(6 + Math.floor(rand() * 10))}${end}`;
  return `${pick(8 + Math.floor(rand() * 6))}，\n${pick(7 + Math.floor(rand() * 7))}${end}`;
}

/** `count` cues `c1…cN`; speakers `s1…s5` take turns of 1–6 cues. */
export function buildBilingualDocument(count: number, seed = 8): SubtitleDocument {
  const rand = seeded(seed);
  const cues: Cue[] = [];
  let t = 500;
  let speaker = 0;
  let turnLeft = 0;
  for (let i = 0; i < count; i++) {
    if (turnLeft === 0) {
      speaker = (speaker + 1 + Math.floor(rand() * (SPEAKERS - 1))) % SPEAKERS;
      turnLeft = 1 + Math.floor(rand() * 6);
    }
    turnLeft--;
    const twoLines = rand() < 0.35;
    const start = t;
    const end = start + 1500 + Math.floor(rand() * 2000);
    cues.push({
      id: `c${i + 1}`,
      start,
      end,
      speaker: `s${speaker + 1}`,
      text: { 'zh-Hans': chineseSentence(rand, twoLines), en: englishSentence(rand, twoLines) },
    });
    t = end + 80 + Math.floor(rand() * 320);
  }
  return {
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    cues,
    speakers: Array.from({ length: SPEAKERS }, (_, k) => ({ id: `s${k + 1}`, name: `Speaker ${k + 1}`, color: speakerColor(k) })),
    chapters: [],
    media: null,
    metadata: { title: `Editing benchmark (${count} cues)` },
  };
}
