/** Every per-cue check, in the order their problems are listed for one cue. */
import { cplCheck } from './check-cpl';
import { cpsCheck } from './check-cps';
import { maxDurationCheck, minDurationCheck } from './check-duration';
import { emptyCheck } from './check-empty';
import { minGapCheck, overlapCheck } from './check-gap';
import { linesCheck } from './check-lines';
import { markupCheck } from './check-markup';
import { wrongScriptCheck } from './check-script';
import { spacesCheck } from './check-spaces';
import { timingUnsureCheck } from './check-timing-unsure';
import type { QcCheck } from './types';

export const CHECKS: readonly QcCheck[] = [
  overlapCheck, minGapCheck, minDurationCheck, maxDurationCheck, timingUnsureCheck,
  emptyCheck, cpsCheck, cplCheck, linesCheck, wrongScriptCheck, markupCheck, spacesCheck,
];
