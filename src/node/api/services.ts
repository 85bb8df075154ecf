/**
 * The Node services one run shares (both shells, the tests): documents, media, settings, alignment and the
 * recovery journal, wired to one event bus that the transports deliver from.
 */
import { join } from 'node:path';
import { AlignmentService } from '../align/alignment';
import { DocumentService } from '../documents/documents';
import { Journal } from '../documents/journal';
import { ReplaceRunner } from '../documents/replace-runner';
import { EventBus } from '../events';
import { MediaService } from '../media/media';
import { SettingsService, userDataDir } from '../settings/settings';

export interface Services {
  documents: DocumentService;
  media: MediaService;
  settings: SettingsService;
  alignment: AlignmentService;
  /** Where unsaved changes of every open document are kept until saved (recovery after a crash, hot exit). */
  journal: Journal;
  /** What the services announce; the transports subscribe. */
  events: EventBus;
  resourcesDir: string;
  /** Writes the journal's pending changes and stops media, alignment and replace work (on exit). */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  resourcesDir: string;
  cacheDir: string;
  /** `null` keeps settings in memory (tests). */
  settingsPath?: string | null;
  /** The recovery journal's folder; default `<user data>/recovery`. */
  dataDir?: string;
}

export function createServices(options: ServiceOptions): Services {
  const events = new EventBus();
  const journal = new Journal(options.dataDir ?? join(userDataDir(), 'recovery'), {
    onError: (error) => console.error(`Duosub: could not write the recovery journal: ${error.message}`),
  });
  const replaceRunner = new ReplaceRunner();
  const documents = new DocumentService({ journal, replacePlanner: replaceRunner, events });
  const media = new MediaService({
    cacheDir: options.cacheDir,
    onProgress: (token, chunk) => events.publish('media.peaksProgress', { token, ...chunk }),
  });
  const alignment = new AlignmentService(documents, events);
  return {
    documents,
    media,
    settings: new SettingsService(options.settingsPath ?? null),
    alignment,
    journal,
    events,
    resourcesDir: options.resourcesDir,
    async dispose() {
      replaceRunner.dispose();
      media.dispose();
      alignment.dispose();
      await journal.dispose();
    },
  };
}
