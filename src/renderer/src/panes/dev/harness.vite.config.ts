// Dev-only Vite config for the panes harness: `npx vite --config src/renderer/src/panes/dev/harness.vite.config.ts src/renderer/src/panes/dev --port 5199`
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
});
