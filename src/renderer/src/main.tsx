import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadPanes } from './panes/load-panes';
import { getStore } from './store';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const store = getStore();
// Ask main for the document before React and Monaco start: the transfer overlaps their setup.
void store.init();
// Monaco's chunk compiles off the main thread meanwhile; the panes take it when they mount.
void loadPanes();
// A read-only handle for the end-to-end tests and the editing benchmark (they observe state; they edit through the UI).
(window as unknown as { __duosubStore: unknown }).__duosubStore = store;
// No StrictMode: its double mount would create the waveform and the Monaco editors twice at start.
createRoot(root).render(<App />);
