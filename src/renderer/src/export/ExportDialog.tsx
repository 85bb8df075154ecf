/**
 * Export: format, language (one, or both in one file with the order chosen), the bilingual layout (lines per
 * language) and what an empty text becomes, encoding and line endings.
 * Sends the options up (`onExport`); writing the file is the caller's. The last choice is remembered for
 * the session.
 */
import { useState, type FormEvent, type JSX } from 'react';
import { Dialog } from '../dialog/Dialog';
import type { Language } from '../../../shared/model';
import type { ExportFormat } from '../../../shared/formats/export';
import type { ExportRequest } from '../../../shared/api';
import {
  BILINGUAL, EMPTY_TEXT_CHOICES, exportBlocker, FORMAT_LABELS, initialChoice, takesLanguage, takesLayout, toExportOptions,
  type ExportChoice,
} from './export-choice';
import { encodingOptions, encodingValue, withEncoding } from './export-encodings';

export interface ExportDialogProps {
  languages: Language[];
  /** How many chapters the document has (chapter exports need at least one). */
  chapterCount: number;
  /** The encoding the document's file was read in: the default where the format allows it. */
  sourceEncoding?: string;
  onExport(options: ExportRequest): unknown;
  onClose(): void;
  /** The document's bilingual layout (QC panel), the default for lines per language. */
  linesPerLanguage?: 1 | 2 | null;
}

let remembered: ExportChoice | null = null;

export function ExportDialog({ languages, chapterCount, sourceEncoding, onExport, onClose, linesPerLanguage }: ExportDialogProps): JSX.Element {
  const [choice, setChoice] = useState<ExportChoice>(() => initialChoice(languages, remembered, linesPerLanguage));
  const set = (patch: Partial<ExportChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const blocker = exportBlocker(choice, chapterCount);
  const encodings = encodingOptions(choice.format, sourceEncoding);
  const encoding = encodingValue(choice, encodings);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blocker) return;
    remembered = choice;
    onExport(toExportOptions({ ...choice, ...withEncoding(encoding) }, languages));
    onClose();
  };
  return (
    <Dialog title="Export" onClose={onClose}>
      <form className="duosub-export" style={{ display: 'flex', flexDirection: 'column', gap: 8 }} onSubmit={submit} data-testid="export-dialog">
        <label className="field">
          Format
          <select value={choice.format} onChange={(e) => set({ format: e.target.value as ExportFormat })} data-testid="export-format">
            {FORMAT_LABELS.map((f) => <option key={f.format} value={f.format}>{f.label}</option>)}
          </select>
        </label>
        {takesLanguage(choice.format) && <LanguageFields choice={choice} languages={languages} onChange={set} />}
        {takesLayout(choice.format) && <LayoutFields choice={choice} languages={languages} onChange={set} />}
        <label className="field">
          Encoding
          <select value={encoding} onChange={(e) => set(withEncoding(e.target.value))} data-testid="export-encoding">
            {encodings.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        <label className="field">
          Line endings
          <select value={choice.lineEnding} onChange={(e) => set({ lineEnding: e.target.value as 'lf' | 'crlf' })} data-testid="export-line-endings">
            <option value="lf">LF (macOS, Linux)</option>
            <option value="crlf">CRLF (Windows)</option>
          </select>
        </label>
        <p className="hint">{blocker ?? 'Exporting writes a new file; the document is not changed.'}</p>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={blocker !== null} data-testid="export-submit">Export</button>
        </div>
      </form>
    </Dialog>
  );
}

interface LanguageFieldsProps {
  choice: ExportChoice;
  languages: Language[];
  onChange(patch: Partial<ExportChoice>): void;
}

function LanguageFields({ choice, languages, onChange }: LanguageFieldsProps): JSX.Element {
  const bilingual = choice.lang === BILINGUAL;
  return (
    <>
      <label className="field">
        Language
        <select value={choice.lang} onChange={(e) => onChange({ lang: e.target.value })} data-testid="export-lang">
          {languages.length > 1 && <option value={BILINGUAL}>Bilingual (every language)</option>}
          {languages.map((l) => <option key={l.code} value={l.code}>{l.name} ({l.code})</option>)}
        </select>
      </label>
      {bilingual && languages.length > 1 && (
        <label className="field">
          First language
          <select value={choice.first} onChange={(e) => onChange({ first: e.target.value })} data-testid="export-first">
            {languages.map((l) => <option key={l.code} value={l.code}>{l.name} ({l.code})</option>)}
          </select>
        </label>
      )}
    </>
  );
}

/** Lines per language (bilingual only) and the placeholder for an empty text (every subtitle export). */
function LayoutFields({ choice, languages, onChange }: LanguageFieldsProps): JSX.Element {
  const bilingual = choice.lang === BILINGUAL && languages.length > 1;
  return (
    <>
      {bilingual && (
        <label className="field">
          Lines per language
          <select
            value={choice.linesPerLanguage ?? 2}
            onChange={(e) => onChange({ linesPerLanguage: e.target.value === '1' ? 1 : 2 })}
            data-testid="export-lines-per-language"
          >
            <option value="2">Up to two (re-broken to fit)</option>
            <option value="1">One line each</option>
          </select>
        </label>
      )}
      <label className="field">
        Empty text
        <select value={choice.emptyText ?? ''} onChange={(e) => onChange({ emptyText: e.target.value })} data-testid="export-empty-text">
          {EMPTY_TEXT_CHOICES.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
    </>
  );
}
