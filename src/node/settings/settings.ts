/** User settings, persisted as JSON in the user's config folder. No electron here. */
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { DEFAULT_EDIT_SETTINGS, editSettingsSchema, type EditSettings } from '../../shared/commands/schema';
import { writeFileAtomic } from '../files/files';

export class SettingsService {
  private current: EditSettings = DEFAULT_EDIT_SETTINGS;
  private loaded: Promise<void> | null = null;

  /** `path` null keeps settings in memory only (tests, read-only installs). */
  constructor(private readonly path: string | null) {}

  async get(): Promise<EditSettings> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.current;
  }

  async update(patch: Partial<EditSettings>): Promise<EditSettings> {
    const next = withoutObsolete(editSettingsSchema.parse({ ...(await this.get()), ...patch }));
    if (this.path) {
      mkdirSync(dirname(this.path), { recursive: true });
      await writeFileAtomic(this.path, JSON.stringify(next, null, 2) + '\n');
    }
    this.current = next;
    return next;
  }

  /** A missing or damaged settings file falls back to the defaults; it is never fatal. */
  private async load(): Promise<void> {
    if (!this.path) return;
    try {
      const parsed = editSettingsSchema.partial().safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) this.current = withoutObsolete({ ...DEFAULT_EDIT_SETTINGS, ...parsed.data });
    } catch {
      // No settings yet, or unreadable: defaults.
    }
  }
}

/**
 * Drops settings that no longer mean anything: `minGapMs` (the gap now comes from the document's QC profile, issue
 * 13). Old files that have it load without error, and the next save no longer writes it.
 */
function withoutObsolete(settings: EditSettings): EditSettings {
  const { minGapMs: _obsolete, ...rest } = settings;
  return rest;
}

/** Where settings live: `DUOSUB_CONFIG_DIR`, else the platform's user config folder. */
export function userConfigDir(): string {
  if (process.env.DUOSUB_CONFIG_DIR) return process.env.DUOSUB_CONFIG_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Duosub');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Duosub');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'duosub');
}

/**
 * Where the user's own data lives (the recovery journal): `DUOSUB_DATA_DIR`, else the config folder. Kept apart
 * from the cache folder on purpose: a cache may be wiped, unsaved work may not.
 */
export function userDataDir(): string {
  return process.env.DUOSUB_DATA_DIR || userConfigDir();
}
