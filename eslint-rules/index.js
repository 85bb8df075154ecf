// Duosub's own ESLint rules, wired in eslint.config.js as the `local` plugin.
import noFolderCycles from './no-folder-cycles.js';

export default {
  meta: { name: 'duosub-local' },
  rules: { 'no-folder-cycles': noFolderCycles },
};
