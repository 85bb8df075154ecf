/**
 * Holds a pane's edits back while an input method composes (pinyin, kana, hangul jamo). Monaco writes the
 * unconfirmed letters into its model as they are typed; none of them may reach the document, the other pane,
 * QC or the undo history. The pane notes which cues the composition touched and, once it ends (committed or
 * cancelled), reports each of them once with its final text — or not at all when that text is unchanged.
 * Cues are kept by id, not block number: a splice made meanwhile renumbers blocks.
 */
export class CompositionHold {
  private composing = false;
  private readonly held = new Set<string>();

  get active(): boolean {
    return this.composing;
  }

  start(): void {
    this.composing = true;
  }

  /** Notes cues whose model text changed while composing; false when not composing (report them now). */
  hold(cueIds: Iterable<string>): boolean {
    if (!this.composing) return false;
    for (const id of cueIds) this.held.add(id);
    return true;
  }

  /** True when this cue has letters in the model the document has not seen. */
  holds(cueId: string): boolean {
    return this.held.has(cueId);
  }

  /** The composition ended: the cues to report once, in the order they were first touched. */
  end(): string[] {
    this.composing = false;
    const ids = [...this.held];
    this.held.clear();
    return ids;
  }

  /** The model was replaced (another document): nothing held can be reported any more. */
  reset(): void {
    this.held.clear();
  }
}
