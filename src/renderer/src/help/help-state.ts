/** Whether the keyboard help overlay is open: a flag outside React, so the keymap can toggle it. */
import { createOpenFlag } from '../open-flag';

const flag = createOpenFlag();

export const closeHelp = (): void => flag.set(false);
export const toggleHelp = (): void => flag.toggle();
export const useHelpOpen = (): boolean => flag.use();
