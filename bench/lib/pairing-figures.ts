/**
 * How well auto-timed Chinese stays paired with its English, measured on an auto-timed document against the
 * turns it came from (issue 12's figures): cues with one language empty while their turn has both, Chinese cuts
 * not at a segmenter word boundary, Chinese cues starting with closing punctuation or a dash, the share of cues
 * whose English/Chinese length ratio lies in the 5–95% band of the turns' own, and the cues selected for review.
 */
import { lengthRatio, textLength } from '../../src/shared/align/gale-church';
import { codePoints } from '../../src/shared/text/code-points';
import { dictionaryWordStarts } from '../../src/shared/text/boundaries';
import type { SubtitleDocument } from '../../src/shared/model';

export interface PairingFigures {
  turns: number;
  cues: number;
  emptyLanguage: number;
  zhWordCuts: number;
  closingStart: number;
  inBandPct: number;
  band: [number, number];
}

const STARTS_BADLY = /^[，。！？；：、）》」』:—]/u;
const both = (text: Record<string, string>, zh: string, en: string) => (text[zh] ?? '').trim() !== '' && (text[en] ?? '').trim() !== '';

/** The 5% and 95% points of the turns' English/Chinese length ratios. */
function ratioBand(turns: SubtitleDocument, zh: string, en: string): [number, number] {
  const ratios = turns.cues.filter((c) => both(c.text, zh, en)).map((c) => lengthRatio([c.text[zh]], [c.text[en]])).sort((a, b) => a - b);
  const at = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(p * (ratios.length - 1)))];
  return [at(0.05), at(0.95)];
}

/**
 * `timed` must hold the turns' cues in order, each turn's Chinese being its cues' Chinese concatenated (as
 * auto-time writes it); `turnOf[i]` names the turn of timed cue i.
 */
export function pairingFigures(turns: SubtitleDocument, timed: SubtitleDocument, turnOf: string[], zh: string, en: string): PairingFigures {
  const band = ratioBand(turns, zh, en);
  const byId = new Map(turns.cues.map((c) => [c.id, c]));
  let emptyLanguage = 0;
  let zhWordCuts = 0;
  let closingStart = 0;
  let inBand = 0;
  let from = 0;
  let starts: Set<number> | null = null;
  timed.cues.forEach((cue, i) => {
    const turn = byId.get(turnOf[i]);
    if (!turn) throw new Error(`timed cue ${i + 1} names no turn (${turnOf[i]})`);
    const whole = turn.text[zh] ?? '';
    if (i === 0 || turnOf[i - 1] !== turnOf[i]) {
      from = 0;
      starts = dictionaryWordStarts(codePoints(whole), zh) ?? new Set();
    }
    const text = cue.text[zh] ?? '';
    if (both(turn.text, zh, en) && !both(cue.text, zh, en)) emptyLanguage++;
    if (STARTS_BADLY.test(text.trim())) closingStart++;
    if (text !== '') {
      const at = whole.indexOf(text, from);
      if (at < 0) throw new Error(`timed cue ${i + 1}'s Chinese is not in its turn ${turn.id}: ${text}`);
      const cut = codePoints(whole.slice(0, at)).length;
      if (at > 0 && !starts!.has(cut)) zhWordCuts++;
      from = at + text.length;
    }
    const ratio = textLength(text) > 0 ? lengthRatio([text], [cue.text[en] ?? '']) : NaN;
    if (ratio >= band[0] && ratio <= band[1]) inBand++;
  });
  return { turns: turns.cues.length, cues: timed.cues.length, emptyLanguage, zhWordCuts, closingStart, inBandPct: (100 * inBand) / timed.cues.length, band };
}
