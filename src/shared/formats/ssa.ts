/**
 * SubStation Alpha v4 (.ssa): the ASS family's older flavour, `ScriptType: v4.00`, a `[V4 Styles]` section with
 * its own Format (TertiaryColour, AlphaLevel, legacy alignment 1–11), `Marked=` in events and `{\aN}` legacy
 * alignment in text. Read and written by the ASS code (ass-read.ts, ass-write.ts) in its `ssa` flavour; a
 * script read as ASS and written as SSA (or back) has its styles and Format lines converted.
 */
import { detectScript } from './ass';
import { parseAssScript } from './ass-read';
import { serializeAssScript } from './ass-write';
import { writeLanguages, type SubtitleFormat } from './types';

const EXTENSIONS = ['.ssa'];

export const ssaFormat: SubtitleFormat = {
  id: 'ssa',
  extensions: EXTENSIONS,
  exports: [{ id: 'ssa', label: 'SubStation Alpha (.ssa)', extensions: ['.ssa'], kind: 'cues', legacyEncodings: true, inExportDialog: false }],
  detect(text, fileName) {
    return detectScript(text, fileName, EXTENSIONS, 'ssa');
  },
  parse(text, options) {
    return parseAssScript(text, options?.lang?.split(',')[0]?.trim() || 'en', 'ssa');
  },
  serialize(doc, options) {
    const langs = options?.langs?.length || options?.lang ? writeLanguages(doc, options, 'SSA') : doc.languages.map((l) => l.code);
    return serializeAssScript(doc, langs, 'ssa');
  },
  bilingual: true,
};
