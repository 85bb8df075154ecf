/**
 * The question being asked about unsaved work (questions.ts), in the app's dialog frame: Enter gives the default
 * answer (the safe one where an answer loses something), Escape or a click outside cancels.
 */
import { useSyncExternalStore, type FormEvent, type JSX, type ReactNode } from 'react';
import { Dialog } from '../dialog/Dialog';
import { SaveAsDialog } from './SaveAsDialog';
import type { Question, QuestionAnswers, Questions } from './questions';
import './unsaved.css';

interface Choice<A> {
  label: string;
  answer: A;
  danger?: boolean;
}

interface AskProps<A> {
  title: string;
  children: ReactNode;
  /** In the order shown, left to right. */
  choices: Choice<A>[];
  /** What Enter answers; its button has the focus. */
  defaultAnswer: A;
  onAnswer(answer: A): void;
  onDismiss(): void;
}

function Ask<A extends string>({ title, children, choices, defaultAnswer, onAnswer, onDismiss }: AskProps<A>): JSX.Element {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAnswer(defaultAnswer);
  };
  return (
    <Dialog title={title} onClose={onDismiss}>
      <form className="unsaved-question" onSubmit={submit}>
        {children}
        <div className="dialog-buttons">
          {choices.map((choice) => {
            const isDefault = choice.answer === defaultAnswer;
            const className = [isDefault ? 'primary' : '', choice.danger ? 'danger' : ''].filter(Boolean).join(' ') || undefined;
            return (
              <button key={choice.answer} type={isDefault ? 'submit' : 'button'} className={className} autoFocus={isDefault}
                onClick={isDefault ? undefined : () => onAnswer(choice.answer)}>
                {choice.label}
              </button>
            );
          })}
        </div>
      </form>
    </Dialog>
  );
}

/** Remounts a dialog for each new question, so a Save As asked again starts from its own default name. */
const serials = new WeakMap<Question, number>();
let nextSerial = 1;
function serialOf(question: Question): number {
  let serial = serials.get(question);
  if (serial === undefined) serials.set(question, (serial = nextSerial++));
  return serial;
}

export function QuestionDialog({ questions }: { questions: Questions }): JSX.Element | null {
  const question = useSyncExternalStore(questions.subscribe, questions.current);
  if (!question) return null;
  const dismiss = () => questions.dismiss(question);
  const key = serialOf(question);
  const answer = <K extends keyof QuestionAnswers>(q: Extract<Question, { kind: K }>) => (a: QuestionAnswers[K]) => questions.answer(q, a);
  switch (question.kind) {
    case 'unsaved':
      return (
        <Ask key={key} title="Unsaved changes" defaultAnswer="save" onAnswer={answer(question)} onDismiss={dismiss}
          choices={[{ label: 'Cancel', answer: 'cancel' }, { label: 'Don’t Save', answer: 'discard', danger: true }, { label: 'Save', answer: 'save' }]}>
          <p>Save changes to {question.name}?</p>
          <p className="hint">Your changes are lost if you don’t save them.</p>
        </Ask>
      );
    case 'conflict':
      return (
        <Ask key={key} title="Changed on disk" defaultAnswer="saveAs" onAnswer={answer(question)} onDismiss={dismiss}
          choices={[
            { label: 'Cancel', answer: 'cancel' }, { label: 'Reload theirs', answer: 'reload', danger: true },
            { label: 'Keep mine', answer: 'keep', danger: true }, { label: 'Save As…', answer: 'saveAs' },
          ]}>
          <p>{question.name} changed on disk since it was opened or saved here (another program or person wrote it).</p>
          <p className="hint">Keep mine: replace it with this document. Reload theirs: show the file as it is now and drop
            your edits. Save As: keep both.</p>
        </Ask>
      );
    case 'confirmReload':
      return (
        <Ask key={key} title="Reload from disk" defaultAnswer="cancel" onAnswer={answer(question)} onDismiss={dismiss}
          choices={[{ label: 'Cancel', answer: 'cancel' }, { label: 'Reload and drop my edits', answer: 'reload', danger: true }]}>
          <p>Reload {question.name} as it is on disk? Your unsaved edits in this window will be lost.</p>
        </Ask>
      );
    case 'replace':
      return (
        <Ask key={key} title="Replace file" defaultAnswer="cancel" onAnswer={answer(question)} onDismiss={dismiss}
          choices={[{ label: 'Cancel', answer: 'cancel' }, { label: 'Replace', answer: 'replace', danger: true }]}>
          <p>{question.name} already exists. Replace it?</p>
          <p className="hint">Cancel goes back to the name.</p>
        </Ask>
      );
    case 'saveFailed':
      return (
        <Ask key={key} title="Could not save" defaultAnswer="saveAs" onAnswer={answer(question)} onDismiss={dismiss}
          choices={[{ label: 'Not now', answer: 'cancel' }, { label: 'Save As…', answer: 'saveAs' }]}>
          <p>{question.message || `${question.name} could not be saved.`}</p>
          <p className="hint">Your document and its undo history are kept as they are. Save As writes it somewhere else.</p>
        </Ask>
      );
    case 'saveAsName':
      return <SaveAsDialog key={key} defaultName={question.defaultName} onSave={answer(question)} onClose={dismiss} />;
  }
}
