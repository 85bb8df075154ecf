/** What tests that run main's services in-process share: the bundled resources and a platform without dialogs. */
import { resolve } from 'node:path';
import type { Platform } from '../../src/node/api/api';

export const RESOURCES = resolve(import.meta.dirname, '../../resources');

/** Browser mode as a test runs it: no native dialogs, no uploads unless `overrides` says otherwise. */
export function dialoglessPlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    mode: 'browser',
    pickOpenPath: () => Promise.reject(new Error('no dialogs in browser mode')),
    pickSavePath: () => Promise.reject(new Error('no dialogs in browser mode')),
    uploadPath: () => null,
    ...overrides,
  };
}
