/**
 * Notices when whatever launched the supervisor is gone. `npm start` runs `sh -c "tsx
 * dev/start.ts"`; a SIGTERM sent to npm reaches that shell, which dies without passing the signal
 * on, so the supervisor would keep the whole stack running as orphans. The launcher is the leader
 * of our process group (npm, or tsx when run directly), so its disappearance is the signal.
 * Linux only (/proc); elsewhere this does nothing and only Ctrl-C / a direct SIGTERM stop the stack.
 */
import { readFileSync } from 'node:fs';

function processGroup(): number | undefined {
  try {
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so cut at the last ')'.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(fields[2]);
    return Number.isInteger(pgrp) && pgrp > 0 ? pgrp : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onGone` once when the process-group leader exits; returns a function to stop watching. */
export function watchLauncher(onGone: () => void, intervalMs = 1000): () => void {
  const leader = processGroup();
  if (leader === undefined || leader === process.pid) return () => undefined;
  const timer = setInterval(() => {
    if (alive(leader)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
