/**
 * A command that cannot apply to this document as asked (a cue too short to split, cues that are not
 * consecutive, a regex that does not compile…). Its message is for the user's status line.
 */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
