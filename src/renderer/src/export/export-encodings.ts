/**
 * The export dialog's encoding list: the source file's encoding first (the default, where the format can be
 * written in it), UTF-8 with and without BOM, then the other encodings offered. Pure, like export-choice.ts.
 */
import { ENCODINGS_OFFERED } from '../../../shared/encoding';
import { formatTakesLegacyEncoding, type ExportFormat } from '../../../shared/formats/export';
import type { ExportChoice } from './export-choice';

/** The select's value for "the source file's encoding" (no `encoding` sent: main applies the default). */
export const SOURCE = '';

export interface EncodingOption {
  value: string;
  label: string;
}

/** The list for a format, its default first: the source's encoding where the format can be written in it, else UTF-8. */
export function encodingOptions(format: ExportFormat, source: string | undefined): EncodingOption[] {
  const legacyOk = formatTakesLegacyEncoding(format);
  const unicode: EncodingOption[] = [{ value: 'UTF-8', label: 'UTF-8' }, { value: 'UTF-8 with BOM', label: 'UTF-8 with BOM' }];
  if (source === 'UTF-8 with BOM') unicode.reverse();
  const sourceFits = legacyOk && source !== undefined && source !== 'UTF-8' && source !== 'UTF-8 with BOM';
  const options: EncodingOption[] = sourceFits ? [{ value: SOURCE, label: `${source} (as the source file)` }, ...unicode] : unicode;
  if (!legacyOk) return options;
  for (const e of ENCODINGS_OFFERED) {
    if (e.name !== 'UTF-8' && e.name !== 'UTF-8 with BOM' && e.name !== source) options.push({ value: e.name, label: e.label });
  }
  return options;
}

/** The select's value for a choice: the chosen encoding if the list has it, else the default. */
export function encodingValue(choice: ExportChoice, options: readonly EncodingOption[]): string {
  const wanted = choice.encoding ?? (choice.bom ? 'UTF-8 with BOM' : options[0]?.value);
  return options.some((o) => o.value === wanted) ? (wanted ?? SOURCE) : (options[0]?.value ?? 'UTF-8');
}

/** The choice after picking `value` in the select. */
export function withEncoding(value: string): Pick<ExportChoice, 'encoding' | 'bom'> {
  if (value === SOURCE) return { encoding: undefined, bom: false };
  return { encoding: value, bom: value === 'UTF-8 with BOM' };
}
