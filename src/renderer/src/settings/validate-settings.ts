/** Validation of the edit settings form: text fields in, a patch or per-field messages out. */
import type { EditSettings } from '../../../shared/commands/schema';

export const SETTING_LIMITS = { min: 0, max: 10_000 } as const;

/**
 * The millisecond settings the form edits (custom QC profiles have their own editor; the minimum gap is the QC
 * profile's, issue 13, so it is no setting).
 */
export type TimingSetting = 'minSplitMs';

export type SettingsForm = Record<TimingSetting, string>;

export type SettingsCheck =
  | { ok: true; patch: Partial<Pick<EditSettings, TimingSetting>> }
  | { ok: false; errors: Partial<Record<TimingSetting, string>> };

/** Whole milliseconds between 0 and 10,000; only fields that differ from `current` go into the patch. */
export function validateSettings(form: SettingsForm, current: EditSettings): SettingsCheck {
  const errors: Partial<Record<TimingSetting, string>> = {};
  const patch: Partial<Pick<EditSettings, TimingSetting>> = {};
  for (const key of Object.keys(form) as TimingSetting[]) {
    const text = form[key].trim();
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < SETTING_LIMITS.min || value > SETTING_LIMITS.max) {
      errors[key] = `Whole milliseconds, ${SETTING_LIMITS.min}–${SETTING_LIMITS.max}`;
    } else if (value !== current[key]) {
      patch[key] = value;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, patch };
}
