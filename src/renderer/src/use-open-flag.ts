/** An open/closed flag (open-flag.ts) read in a React component; kept apart so the flag itself stays React-free. */
import { useSyncExternalStore } from 'react';
import type { OpenFlag } from './open-flag';

/** The flag in a React component, re-rendering when it changes. */
export function useOpenFlag(flag: OpenFlag): boolean {
  return useSyncExternalStore(flag.subscribe, flag.isOpen);
}
