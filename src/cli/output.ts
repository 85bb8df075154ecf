/** Where a CLI command writes: standard output and error (a test passes its own). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Raw bytes to standard output (an output encoding other than UTF-8); without it the text goes to `out`. */
  bytes?(data: Uint8Array): void;
}
