/** Whether the "Go to" box is open: a flag outside React, so the keymap can open it. */
import { createOpenFlag } from '../open-flag';

const flag = createOpenFlag();

export const openGoTo = (): void => flag.set(true);
export const closeGoTo = (): void => flag.set(false);
export const useGoToOpen = (): boolean => flag.use();
