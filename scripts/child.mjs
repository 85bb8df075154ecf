// Runs a child process in the foreground: inherits the terminal, forwards Ctrl-C/TERM, resolves to its exit code.
import { spawn } from 'node:child_process';

export function runForwarding(command, args, { cwd, what }) {
  const child = spawn(command, args, {
    cwd,
    stdio: 'inherit',
    // Relative FILE arguments are relative to where the user was, not to the repository.
    env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolveExit) => {
    child.on('error', (error) => {
      console.error(`Could not start ${what}: ${error.message}`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveExit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
    });
  });
}
