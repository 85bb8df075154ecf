/** Runs the external audio tools without a shell, so transcript text is never interpreted. */
import { execFile, execFileSync } from 'node:child_process';

export const APT_HINT = 'apt-get install -y espeak-ng sox flite';

export class MissingToolError extends Error {}

/** Runs `cmd args…`; rejects with the tool's stderr when it fails. */
export function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new MissingToolError(`${cmd} not found: ${APT_HINT}`));
      }
      reject(new Error(`${cmd} failed: ${String(stderr).trim() || err.message}`));
    });
  });
}

function installed(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // flite has no --version and exits non-zero, but it exists unless spawning itself failed.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The tools among `cmds` that are not on PATH. */
export function missingTools(cmds: string[]): string[] {
  return cmds.filter((c) => !installed(c));
}

/** Throws one line naming the apt packages when a needed tool is missing. */
export function requireTools(cmds: string[]): void {
  const missing = missingTools(cmds);
  if (missing.length) throw new MissingToolError(`missing ${missing.join(', ')}: ${APT_HINT}`);
}
