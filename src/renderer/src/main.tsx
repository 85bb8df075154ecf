import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// No StrictMode: its double mount would create the waveform and the Monaco editors twice at start.
createRoot(root).render(<App />);
