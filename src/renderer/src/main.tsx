import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppServices, ServicesProvider } from './app-services';
import { getBridge, onConnectionLost } from './bridge';
import { loadPanes } from './panes/load-panes';
import { AppSession } from './session/app-session';
import { SessionProvider } from './session/context';
import { sessionFacade } from './session/test-facade';
import { exposeForTests } from './test-hooks';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The window's document session and UI state, built once and wired to main's events for the page's life.
const bridge = getBridge();
const session = new AppSession(bridge.api);
session.connect((event, listener) => bridge.on(event, listener));
onConnectionLost(() => session.ui.setConnectionLost());
// Ask main for the document before React and Monaco start: the transfer overlaps their setup.
void session.init();
// Monaco's chunk compiles off the main thread meanwhile; the panes take it when they mount.
void loadPanes();
// A read-only handle for the end-to-end tests and the editing benchmark (they observe state; they edit through the UI).
exposeForTests('__duosubStore', () => sessionFacade(session));
// The window's services (player, live QC, panel flags, questions) live as long as the page: built once here.
const services = createAppServices();
// No StrictMode: its double mount would create the waveform and the Monaco editors twice at start.
createRoot(root).render(
  <ServicesProvider services={services}>
    <SessionProvider session={session}>
      <App />
    </SessionProvider>
  </ServicesProvider>,
);
