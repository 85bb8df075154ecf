/** The one exception of the formats: a file that cannot be read at all (problems cover everything else). */
export class FormatError extends Error {
  constructor(
    message: string,
    /** 1-based line where reading stopped; 0 when not tied to a line. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}
