/**
 * The window's long-lived objects, built once at start-up (main.tsx) and passed down through one React context:
 * the player, the live QC, the flags of the panels the keymap opens, and the unsaved-work questions. Code outside
 * React (the commands, the waveform's wiring) receives them as arguments; nothing reaches a module global.
 *
 * This file stays low in the house: it imports the services' own files (playback/, qc/qc-live, open-flag,
 * unsaved/questions) and none of the views that use it, so a view may ask `useServices()` without a loop.
 */
import { createContext, useContext, type JSX, type ReactNode } from 'react';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import { OpenFlag } from './open-flag';
import { Player } from './playback/player';
import { QcLive, windowScheduler, type Scheduler } from './qc/qc-live';
import { Questions } from './unsaved/questions';

export interface AppServices extends Disposable {
  /** Playback, zoom and the document's one media element (waveform, video, toolbar, keys). */
  player: Player;
  /** The window's one live QC: the panel's issues, the waveform's marks and reading-speed strip. */
  qc: QcLive;
  /** The keyboard help overlay (F1, ?). */
  help: OpenFlag;
  /** The "Go to" box (Ctrl+G). */
  goTo: OpenFlag;
  /** The History list (View → History, Ctrl+Shift+H, its own header). */
  history: OpenFlag;
  /** The questions about unsaved work, asked one at a time. */
  questions: Questions;
  // The document session and the UI store (src/renderer/src/session/) join here when they are objects too.
}

export interface AppServicesOptions {
  /** When the live QC runs (tests pass a manual one); the window's idle/animation-frame turns by default. */
  qcScheduler?: Scheduler;
}

export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const owned = new DisposableStore();
  return {
    player: owned.add(new Player()),
    qc: owned.add(new QcLive(options.qcScheduler ?? windowScheduler)),
    help: owned.add(new OpenFlag()),
    goTo: owned.add(new OpenFlag()),
    history: owned.add(new OpenFlag()),
    questions: owned.add(new Questions()),
    dispose: () => owned.dispose(),
  };
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }): JSX.Element {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The window's services; only under `ServicesProvider` (main.tsx puts the whole App there). */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside ServicesProvider');
  return services;
}
