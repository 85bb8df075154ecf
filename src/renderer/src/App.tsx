/**
 * The window: toolbar and title on top, the waveform, the language panes filling the rest, a status
 * line. Renders and dispatches; document rules live in src/shared, the document and its sync in session/.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import { getBridge, onMenuCommand, type MenuCommand } from './bridge';
import { installGlobalKeys } from './actions/keys';
import { LanguagePanes } from './panes/LanguagePanes';
import { useDoc, useSession, useUi } from './session/context';
import { documentName } from './session/document-name';
import { createCommands, type Commands } from './actions/commands';
import { QcPanel } from './qc/QcPanel';
import { useQc } from './qc/use-qc';
import { documentProfiles } from '../../shared/qc/profiles';
import { documentLinesPerLanguage } from '../../shared/qc/line-budget';
import { FindReplace } from './find/FindReplace';
import { SettingsDialog } from './settings/SettingsDialog';
import { SpeakersPanel } from './speakers/SpeakersPanel';
import { TimingDialog } from './timing/TimingDialog';
import { AutoTimeDialog, AutoTimeProgress } from './align/AutoTimeDialog';
import { AutoTimeReview, useAutoTimeReviews } from './align/AutoTimeReview';
import { Toolbar } from './toolbar/Toolbar';
import { Waveform } from './waveform/Waveform';
import { CueFields } from './timing/CueFields';
import { EncodingStatus } from './encoding/EncodingStatus';
import { ReopenEncoding } from './encoding/ReopenEncoding';
import { useLanguageUi } from './languages/use-language-ui';
import { useServices } from './app-services';
import { QuestionDialog } from './unsaved/QuestionDialog';

/** Loaded when first opened: through the formats' registry it brings every writer (and reader), ~100 KB the
 * window's first paint does not need. */
const ExportDialog = lazy(() => import('./export/ExportDialog').then((m) => ({ default: m.ExportDialog })));
import { RecoveryDialog, useRecovery } from './unsaved/RecoveryDialog';
import { useUnloadGuard } from './unsaved/use-unload-guard';
import { HistoryPanel } from './history/HistoryPanel';
import { MediaLinkPrompt } from './media-link/MediaLinkPrompt';

type DialogKind = 'export' | 'timing' | 'settings' | 'autoTime' | 'encoding' | null;

interface MenuDialogs {
  openExport(): void;
  openAddLanguage(): void;
  openEncoding(): void;
}

function runMenuCommand(commands: Commands, command: MenuCommand, dialogs: MenuDialogs): void {
  switch (command) {
    case 'open': return commands.open();
    case 'openSampleTranscript': return commands.openSample('transcript');
    case 'openMedia': return commands.openMedia();
    case 'save': return commands.save();
    case 'saveAs': return commands.saveAs();
    case 'addLanguage': return dialogs.openAddLanguage();
    case 'reopenWithEncoding': return dialogs.openEncoding();
    case 'exportSrt': return dialogs.openExport();
    case 'undo': return commands.undo();
    case 'redo': return commands.redo();
    case 'goTo': return commands.openGoTo();
    case 'togglePin': return commands.togglePin();
  }
}

function TitleArea() {
  const name = useDoc((s) => (s ? documentName(s) : 'No document'));
  const dirty = useDoc((s) => s?.dirty ?? false);
  const untimed = useDoc((s) => Boolean(s?.doc.metadata.untimed));
  useEffect(() => {
    document.title = `${name}${dirty ? ' •' : ''} — Duosub`;
  }, [name, dirty]);
  return (
    <div className="title-area">
      <span className="file-name" data-testid="file-name">{name}</span>
      {dirty && <span className="dirty" title="Unsaved changes" data-testid="dirty">•</span>}
      {untimed && (
        <span className="badge untimed" data-testid="untimed-badge" title="The source had no timings: cue times are estimates">
          Untimed — provisional times
        </span>
      )}
    </div>
  );
}

function StatusLine({ onEncoding }: { onEncoding(): void }) {
  const status = useUi((s) => s.status);
  return (
    <div className="status-bar">
      <div className={`status-line ${status?.kind ?? ''}`} role="status" aria-live="polite" data-testid="status">
        {status?.text ?? ''}
      </div>
      <EncodingStatus onClick={onEncoding} />
    </div>
  );
}

export function App() {
  const session = useSession();
  const bridge = getBridge();
  const docState = useDoc((s) => s);
  const selectedCueId = useUi((s) => s.selectedCueId);
  const selectedCueIds = useUi((s) => s.selectedCueIds);
  const settings = useUi((s) => s.settings);
  const alignJob = useUi((s) => s.alignJob);
  const [findOpen, setFindOpen] = useState(false);
  // QC profiles per language: the document's choice (its metadata), else each language's default.
  const languages = docState?.doc.languages;
  const chosenProfiles = docState?.doc.metadata.qcProfiles;
  const linesPerLanguage = docState?.doc.metadata.linesPerLanguage;
  const customProfiles = settings.customProfiles;
  const profiles = useMemo(
    () => (languages ? documentProfiles({ languages, metadata: { qcProfiles: chosenProfiles, linesPerLanguage } }, customProfiles) : {}),
    [languages, chosenProfiles, linesPerLanguage, customProfiles],
  );
  const services = useServices();
  const issues = useQc(services.qc, docState?.doc ?? null, profiles);
  const connectionLost = useUi((s) => s.connectionLost);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [reviews, closeReviews] = useAutoTimeReviews(bridge, docState?.docId ?? null);
  const [dragging, setDragging] = useState(false);
  const docInput = useRef<HTMLInputElement>(null);
  const mediaInput = useRef<HTMLInputElement>(null);
  const { questions } = services;
  const asking = useSyncExternalStore(questions.subscribe, () => questions.current() !== null);

  const commands = useMemo(
    () =>
      createCommands({
        bridge,
        session,
        pickFile: (kind) => (kind === 'media' ? mediaInput : docInput).current?.click(),
        services,
        openFindReplace: () => setFindOpen(true),
      }),
    [bridge, session, services],
  );
  const electron = bridge.mode === 'electron';
  useUnloadGuard(session, !electron);
  const recovery = useRecovery(bridge.api, docState !== null, commands.restoreRecovered, (message) => session.ui.setStatus(message, 'error'));
  const ffmpegInfo = useCallback(() => bridge.api['media.ffmpegInfo']({}), [bridge]);
  const languageUi = useLanguageUi(session, commands, electron);
  const openExport = useCallback(() => setDialog('export'), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  useEffect(() => installGlobalKeys(() => commands), [commands]);
  const openAddLanguage = languageUi.openAdd;
  useEffect(
    () => onMenuCommand((c) => runMenuCommand(commands, c, { openExport, openAddLanguage, openEncoding: () => setDialog('encoding') })),
    [commands, openExport, openAddLanguage],
  );

  const onPicked = (input: HTMLInputElement, asMedia: boolean) => {
    const files = input.files ? [...input.files] : [];
    input.value = ''; // Picking the same file again must fire change again.
    if (files.length) commands.openFiles(files, asMedia);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length) commands.openFiles(files);
  };
  const onDragOver = (event: DragEvent) => {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  };

  return (
    <div
      className={`app${dragging ? ' drop-target' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
    >
      {connectionLost && (
        <div className="banner error" role="alert">Connection lost — reload the page to reconnect.</div>
      )}
      <header className="app-header">
        <TitleArea />
        <Toolbar
          commands={commands}
          docState={docState}
          hasSelection={selectedCueId !== null}
          onExport={openExport}
          onTiming={() => setDialog('timing')}
          onAutoTime={() => setDialog('autoTime')}
          onSettings={() => setDialog('settings')}
          onAddLanguage={languageUi.openAdd}
        />
        {alignJob && <AutoTimeProgress job={alignJob} onCancel={() => session.autoTiming.cancel()} />}
        {docState && <AutoTimeReview doc={docState.doc} reviews={reviews} selectedCueId={selectedCueId} onSelect={(id) => session.ui.select(id)} onSelectAll={(ids) => session.ui.selectMany(ids)} onClose={closeReviews} />}
      </header>
      <MediaLinkPrompt />
      <Waveform />
      <CueFields />
      <main className="panes-area">
        {docState ? (
          <>
            <div className="panes-column">
              <LanguagePanes
                onUndo={commands.undo}
                onRedo={commands.redo}
                onCommand={(command) => session.doc.command(command)}
                getPlayheadMs={() => session.ui.playheadMs()}
                languageMenu={languageUi.languageMenu}
              />
              <FindReplace
                doc={docState.doc}
                open={findOpen}
                onClose={() => setFindOpen(false)}
                onCommand={(command) => session.doc.command(command)}
                onSelectMany={(ids, primary) => session.ui.selectMany(ids, primary)}
                onCancelReplace={() => bridge.api['doc.cancelReplace']({ docId: docState.docId })}
              />
              {languageUi.report}
            </div>
            <aside className="side-column">
              <SpeakersPanel
                doc={docState.doc}
                selectedCueIds={selectedCueIds}
                onCommand={(command) => session.doc.command(command)}
                onSelectMany={(ids) => session.ui.selectMany(ids)}
              />
              <QcPanel
                issues={issues}
                doc={docState.doc}
                profiles={profiles}
                customProfiles={customProfiles ?? []}
                onJump={(cueId) => session.ui.select(cueId, { reveal: true })}
                onSelectMany={(ids) => session.ui.selectMany(ids)}
                onCommand={(command) => session.doc.command(command)}
                onProfileChange={(lang, profileId) => session.doc.command({ kind: 'setProfile', lang, profileId })}
                onLinesPerLanguageChange={(lines) => session.doc.applyLocal({ type: 'setMetadata', key: 'linesPerLanguage', value: lines ?? undefined })}
              />
              <HistoryPanel />
            </aside>
          </>
        ) : (
          <div className="empty">Open a subtitle file, or try the sample transcript.</div>
        )}
      </main>
      <StatusLine onEncoding={() => setDialog('encoding')} />
      <input ref={docInput} type="file" hidden onChange={(e) => onPicked(e.currentTarget, false)} data-testid="open-file-input" />
      <input
        ref={mediaInput}
        type="file"
        hidden
        accept="audio/*,video/*"
        onChange={(e) => onPicked(e.currentTarget, true)}
        data-testid="open-media-input"
      />
      {languageUi.dialogs}
      {dialog === 'timing' && docState && (
        <TimingDialog
          doc={docState.doc}
          selectedCueIds={selectedCueIds}
          playheadMs={session.ui.playheadMs()}
          settings={settings}
          onCommand={(command) => session.doc.command(command)}
          onClose={closeDialog}
        />
      )}
      {dialog === 'autoTime' && docState && (
        <AutoTimeDialog
          doc={docState.doc}
          selectedCueIds={selectedCueIds}
          hasMedia={docState.media !== null}
          onStart={(cueIds, lang) => session.autoTiming.start(cueIds, lang)}
          onClose={closeDialog}
        />
      )}
      {dialog === 'settings' && (
        <SettingsDialog settings={settings} onSave={(patch) => session.updateSettings(patch)} onClose={closeDialog} ffmpegInfo={ffmpegInfo} />
      )}
      {dialog === 'export' && docState && (
        <Suspense fallback={null}>
          <ExportDialog
            languages={docState.doc.languages}
            chapterCount={docState.doc.chapters.length}
            sourceEncoding={docState.encoding}
            linesPerLanguage={documentLinesPerLanguage(docState.doc.metadata)}
            onExport={commands.exportAs}
            onClose={closeDialog}
          />
        </Suspense>
      )}
      {dialog === 'encoding' && docState && <ReopenEncoding onReopen={commands.reopenWithEncoding} onClose={closeDialog} />}
      {recovery.entries.length > 0 && !asking && (
        <RecoveryDialog entries={recovery.entries} {...recovery.actions} reveal={electron ? recovery.actions.reveal : undefined} onClose={recovery.close} />
      )}
      <QuestionDialog questions={questions} />
    </div>
  );
}
