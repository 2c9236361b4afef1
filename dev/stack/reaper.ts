/**
 * Makes sure the stack's process groups die with the process that started them, however it
 * dies. Components run in process groups of their own (so they can be stopped as a whole), which
 * also means a Ctrl-C on `npm test` or a SIGKILL of the supervisor would leave them running and
 * holding their ports. A tiny watcher process holds the read end of a pipe from us: when we are
 * gone, however abruptly, the OS closes the pipe and the watcher ends the groups still listed.
 */
import { type ChildProcess, spawn } from 'node:child_process';

// Plain JavaScript for `node -e`: starts in milliseconds, needs nothing from the repository.
// "+<pgid>" / "-<pgid>" lines keep the list; end of input means our parent is gone.
const WATCHER = `
const groups = new Set();
let buffer = '';
const signal = (s) => { for (const g of groups) { try { process.kill(-g, s); } catch {} } };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    const id = Number(line.slice(1));
    if (line[0] === '+') groups.add(id); else groups.delete(id);
  }
});
process.stdin.on('end', () => {
  if (groups.size === 0) process.exit(0);
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(0); }, 3000);
});
`;

let watcher: ChildProcess | undefined;
const guarded = new Set<number>();

function send(line: string): void {
  if (!watcher?.stdin?.writable) {
    watcher = spawn(process.execPath, ['-e', WATCHER], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Neither the watcher nor its pipe may keep this process alive.
    watcher.unref();
    (watcher.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    watcher.stdin?.on('error', () => undefined);
    for (const id of guarded) watcher.stdin?.write(`+${id}\n`);
  }
  watcher.stdin?.write(`${line}\n`);
}

/** Watches process group `pgid`; the returned function stops watching (it ended normally). */
export function guardGroup(pgid: number): () => void {
  guarded.add(pgid);
  send(`+${pgid}`);
  return () => {
    if (!guarded.delete(pgid)) return;
    send(`-${pgid}`);
    if (guarded.size === 0) {
      // Nothing left to guard: let the watcher exit rather than linger until we do.
      watcher?.stdin?.end();
      watcher = undefined;
    }
  };
}
