/** A cue with no visible text in a language: untranslated (or an empty cue). */
import { textCheck } from './types';
import { charCount } from './text';

export const emptyCheck = textCheck('empty', (text) =>
  charCount(text.trim()) === 0 ? { severity: 'warning', value: 0, limit: 1, message: 'No text in this language' } : null,
);
