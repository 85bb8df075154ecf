/**
 * Style lines: the ones Duosub writes for a language, and the conversion between ASS (`[V4+ Styles]`) and SSA v4
 * (`[V4 Styles]`: TertiaryColour for OutlineColour, no underline/strike-out/scale/spacing/angle, AlphaLevel,
 * legacy alignment numbers).
 */
import { isCjkLanguage } from '../text/script';
import { legacyToNumpad, numpadToLegacy } from './ass-tags';
import type { AssFlavour } from './ass-model';

export const ASS_STYLE_FORMAT =
  'Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, ' +
  'StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding';
export const SSA_STYLE_FORMAT =
  'Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, ' +
  'Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding';

export function styleFormat(flavour: AssFlavour): string {
  return flavour === 'ssa' ? SSA_STYLE_FORMAT : ASS_STYLE_FORMAT;
}

export function styleFields(format: string): string[] {
  return format.split(',').map((f) => f.trim().toLowerCase());
}

/** Values an SSA style lacks, when it is written as ASS (and the other way round). */
const DEFAULTS: Record<string, string> = {
  underline: '0', strikeout: '0', scalex: '100', scaley: '100', spacing: '0', angle: '0', alphalevel: '0',
  bold: '0', italic: '0', borderstyle: '1', outline: '2', shadow: '0', alignment: '2', marginl: '10', marginr: '10',
  marginv: '10', encoding: '1', fontname: 'Arial', fontsize: '20', primarycolour: '&H00FFFFFF',
  secondarycolour: '&H000000FF', outlinecolour: '&H00000000', tertiarycolour: '&H00000000', backcolour: '&H00000000',
};

/**
 * One `Style:` body (after `Style:`) read by `fromFields` and written in `to`'s field order. Null when it has
 * fewer values than its Format line names (it is then kept as it is).
 */
export function convertStyle(body: string, fromFields: string[], to: AssFlavour): string | null {
  const values = body.split(',');
  if (values.length < fromFields.length) return null;
  const style = new Map<string, string>();
  fromFields.forEach((f, i) => style.set(f, (i === fromFields.length - 1 ? values.slice(i).join(',') : values[i]).trim()));
  if (to === 'ssa') {
    if (!style.has('tertiarycolour') && style.has('outlinecolour')) style.set('tertiarycolour', style.get('outlinecolour')!);
    if (!fromFields.includes('alphalevel') && style.has('alignment')) {
      style.set('alignment', String(numpadToLegacy(Number(style.get('alignment'))) ?? 2));
    }
  } else {
    if (!style.has('outlinecolour') && style.has('tertiarycolour')) style.set('outlinecolour', style.get('tertiarycolour')!);
    if (fromFields.includes('alphalevel') && style.has('alignment')) {
      style.set('alignment', String(legacyToNumpad(Number(style.get('alignment'))) ?? 2));
    }
  }
  return styleFields(styleFormat(to)).map((f) => style.get(f) ?? DEFAULTS[f] ?? '').join(',');
}

/**
 * Duosub's style for a language: bottom centred; the first of `count` languages sits highest; CJK text gets a
 * CJK font and a larger size; the vertical margins leave room for two lines of the language below.
 */
export function languageStyleLine(lang: string, index: number, count: number, flavour: AssFlavour): string {
  const cjk = isCjkLanguage(lang);
  const size = cjk ? 60 : 52;
  const font = cjk ? 'Noto Sans CJK SC' : 'Arial';
  const marginV = 40 + (count - 1 - index) * 130;
  const body = `${lang},${font},${size},&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,60,60,${marginV},1`;
  return `Style: ${flavour === 'ssa' ? convertStyle(body, styleFields(ASS_STYLE_FORMAT), 'ssa') : body}`;
}
