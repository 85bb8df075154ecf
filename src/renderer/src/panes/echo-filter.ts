/**
 * Tells the pane's own edits, coming back in a later document, from real external changes. The pane
 * sends every edit up (`onEditText`); if the store answers asynchronously, a document may arrive with an
 * older text of a block the user has typed on since. Overwriting the model with it would eat keystrokes,
 * so texts this pane sent and has not yet seen come back are remembered per (cue, language).
 */
const MAX_PENDING = 64;

export class EchoFilter {
  private readonly pending = new Map<string, string[]>();

  noteSent(key: string, text: string): void {
    const list = this.pending.get(key) ?? [];
    list.push(text);
    if (list.length > MAX_PENDING) list.shift();
    this.pending.set(key, list);
  }

  /**
   * True when `text` is one this pane sent (the echo of an own edit): drops it and every older one.
   * False for a text the pane never sent, i.e. an external change.
   */
  consume(key: string, text: string): boolean {
    const list = this.pending.get(key);
    if (!list) return false;
    const at = list.lastIndexOf(text);
    if (at === -1) return false;
    list.splice(0, at + 1);
    if (list.length === 0) this.pending.delete(key);
    return true;
  }

  /** An external change replaced the block: nothing sent before it can still come back meaningfully. */
  forget(key: string): void {
    this.pending.delete(key);
  }

  clear(): void {
    this.pending.clear();
  }
}
