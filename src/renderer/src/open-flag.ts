/**
 * An open/closed flag outside React: a panel or overlay that the keymap, a menu and the component itself all open
 * (the help overlay, the Go to box, the History list). One small observable object per flag, built once with the
 * window's services (app-services.tsx), so a key handler can open what a component shows.
 */
import { Emitter, type Disposable } from '../../shared/lifecycle';

export class OpenFlag implements Disposable {
  private open = false;
  /** Bumped each time something asks to show the panel, so it can scroll itself into view again. */
  private shown = 0;
  private readonly changed = new Emitter<void>();

  /** Subscribes to every change (open, closed, shown again); returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => this.changed.event(listener);

  readonly isOpen = (): boolean => this.open;

  /** How many times `show()` asked for the panel. */
  readonly shows = (): number => this.shown;

  set(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    this.changed.fire();
  }

  toggle(): void {
    if (this.open) this.set(false);
    else this.show();
  }

  /** Opens the panel and asks it to come into view, even when it is open already (View → History again). */
  show(): void {
    this.open = true;
    this.shown++;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
