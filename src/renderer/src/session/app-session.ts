/**
 * Everything one window holds about its work, built once at start-up (main.tsx) and handed down through a React
 * context: the document session, the UI store, the file requests and auto-timing, wired to main's events.
 */
import type { DuosubApi, EventMap } from '../../../shared/api';
import type { EditSettings } from '../../../shared/commands/schema';
import { DisposableStore, type Disposable } from '../../../shared/lifecycle';
import { AutoTiming } from './auto-timing';
import { isLong, nextTask } from './document-name';
import { DocumentFiles } from './document-files';
import { DocumentSession } from './document-session';
import { UiStore } from './ui-store';

export type EventSource = <E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void) => () => void;

export class AppSession implements Disposable {
  readonly ui: UiStore;
  readonly doc: DocumentSession;
  readonly files: DocumentFiles;
  readonly autoTiming: AutoTiming;
  private readonly owned = new DisposableStore();

  constructor(private readonly api: DuosubApi) {
    this.ui = new UiStore(() => this.doc.state()?.doc.cues ?? []);
    this.doc = new DocumentSession(api, this.ui);
    this.files = new DocumentFiles(api, this.doc, this.ui);
    this.autoTiming = new AutoTiming(api, this.doc, this.ui);
    this.owned.addFn(this.ui.follow(this.doc.onChange));
  }

  /** Subscribes to main's broadcasts until disposed. */
  connect(on: EventSource): void {
    this.owned.addFn(on('doc.changed', (e) => void this.doc.onDocChanged(e)));
    this.owned.addFn(on('media.attached', (e) => this.files.onMediaAttached(e)));
    this.owned.addFn(on('doc.saved', (e) => this.files.onDocSaved(e)));
    this.owned.addFn(on('align.progress', (e) => this.autoTiming.onProgress(e)));
    this.owned.addFn(on('align.finished', (e) => this.autoTiming.onFinished(e)));
  }

  /** Loads the settings and the window's first document. */
  init(): Promise<void> {
    void this.loadSettings();
    return this.doc.queue(() => this.api['session.initial']({})).then(
      async (docState) => {
        if (isLong(docState)) await nextTask();
        this.doc.load(docState);
      },
      (error) => this.ui.fail(error),
    );
  }

  loadSettings(): Promise<void> {
    return this.doc.queue(() => this.api['settings.get']({})).then(
      (settings) => this.ui.setSettings(settings),
      (error) => this.ui.fail(error),
    );
  }

  updateSettings(patch: Partial<EditSettings>): Promise<void> {
    return this.doc.queue(() => this.api['settings.update'](patch)).then(
      (settings) => {
        this.ui.setSettings(settings);
        this.ui.setStatus('Settings saved');
      },
      (error) => this.ui.fail(error),
    );
  }

  dispose(): void {
    this.owned.dispose();
  }
}
