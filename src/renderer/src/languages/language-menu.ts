/** The pane header's language menu: plain data (menu-items.ts), so it is built and tested without React. */
import type { Operation } from '../../../shared/operations';
import { isLanguageCode } from '../../../shared/operations-languages';
import { languageName, type SubtitleDocument } from '../../../shared/model';
import type { MenuItem } from '../menu/menu-items';

export interface LanguageMenuActions {
  /** Applies a language operation (one undo step). */
  apply(op: Operation): void;
  /** Asks the user before removing the language. */
  confirmRemove(code: string): void;
  /** Opens "Add a language from a file…". */
  addFromFile(): void;
  /** Tells the user why an entry did nothing (a bad code). */
  refuse(message: string): void;
}

/** The shown name of a language: its own, else the code's usual one. */
export function displayName(doc: SubtitleDocument, code: string): string {
  const lang = doc.languages.find((l) => l.code === code);
  return lang?.name || languageName(code);
}

/** The order with `code` moved one place left (-1) or right (+1); null at the edge. */
export function movedOrder(doc: SubtitleDocument, code: string, step: -1 | 1): string[] | null {
  const codes = doc.languages.map((l) => l.code);
  const at = codes.indexOf(code);
  const to = at + step;
  if (at < 0 || to < 0 || to >= codes.length) return null;
  [codes[at], codes[to]] = [codes[to], codes[at]];
  return codes;
}

export function buildLanguageMenu(doc: SubtitleDocument, code: string, actions: LanguageMenuActions): MenuItem[] {
  const left = movedOrder(doc, code, -1);
  const right = movedOrder(doc, code, 1);
  return [
    {
      kind: 'input',
      label: 'Rename…',
      placeholder: displayName(doc, code),
      submit: (name) => actions.apply({ type: 'renameLanguage', code, name: name.trim() }),
    },
    {
      kind: 'input',
      label: 'Change code…',
      placeholder: code,
      submit: (raw) => {
        const to = raw.trim();
        if (to === code) return;
        if (!isLanguageCode(to)) return actions.refuse(`"${to}" is not a language code (e.g. zh-Hans, en, en-GB)`);
        if (doc.languages.some((l) => l.code === to)) return actions.refuse(`The document already has a language ${to}.`);
        actions.apply({ type: 'changeLanguageCode', from: code, to });
      },
    },
    { kind: 'separator' },
    { kind: 'action', label: 'Move left', disabled: !left, run: () => left && actions.apply({ type: 'setLanguageOrder', codes: left }) },
    { kind: 'action', label: 'Move right', disabled: !right, run: () => right && actions.apply({ type: 'setLanguageOrder', codes: right }) },
    { kind: 'separator' },
    { kind: 'action', label: 'Add a language from a file…', run: actions.addFromFile },
    { kind: 'action', label: 'Remove language…', disabled: doc.languages.length < 2, run: () => actions.confirmRemove(code) },
  ];
}
