import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsService } from '../../src/node/settings/settings';
import { DEFAULT_EDIT_SETTINGS } from '../../src/shared/commands/schema';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('SettingsService', () => {
  it('starts from the defaults, persists updates, and reads them back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'duosub-settings-'));
    const path = join(dir, 'nested', 'settings.json');
    expect(await new SettingsService(path).get()).toEqual(DEFAULT_EDIT_SETTINGS);
    expect(await new SettingsService(path).update({ minSplitMs: 350 })).toEqual({ ...DEFAULT_EDIT_SETTINGS, minSplitMs: 350 });
    expect(JSON.parse(readFileSync(path, 'utf8')).minSplitMs).toBe(350);
    expect(await new SettingsService(path).get()).toEqual({ ...DEFAULT_EDIT_SETTINGS, minSplitMs: 350 });
  });

  it('refuses invalid values and survives a damaged file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'duosub-settings-'));
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{ not json');
    const service = new SettingsService(path);
    expect(await service.get()).toEqual(DEFAULT_EDIT_SETTINGS);
    await expect(service.update({ minSplitMs: -1 })).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });

  it('reads an old settings file that still has minGapMs (issue 13: the gap is the QC profile\'s) and drops it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'duosub-settings-'));
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ minSplitMs: 300, minGapMs: 24, hotExit: true }));
    const service = new SettingsService(path);
    expect(await service.get()).toEqual({ minSplitMs: 300, hotExit: true });
    await service.update({ autosaveProject: true });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ minSplitMs: 300, hotExit: true, autosaveProject: true });
    expect(await service.update({ minGapMs: 500 })).not.toHaveProperty('minGapMs');
  });
});
