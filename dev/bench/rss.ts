/**
 * A process's resident memory from /proc (Linux): the current RSS and its high-water mark
 * (VmHWM), which `clear_refs` resets so the peak of one piece of work can be read on its own.
 * Sampling every few milliseconds backs the figure up where resetting is not allowed.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const MIB = 1024 * 1024;

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const value = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (value === undefined) throw new Error(`no ${field} for process ${pid}`);
  return Number(value);
}

export const rssMiB = (pid: number): number => (statusKiB(pid, 'VmRSS') * 1024) / MIB;
export const peakMiB = (pid: number): number => (statusKiB(pid, 'VmHWM') * 1024) / MIB;

/** Resets VmHWM to the current RSS (`5` > clear_refs, Linux 4.0+); false when not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface PeakWatch {
  /** RSS when the watch started, MiB. */
  base: number;
  /** Stops sampling: the highest RSS seen and, when the reset worked, the kernel's VmHWM. */
  stop(): { sampled: number; hwm: number | undefined };
}

export function watchPeak(pid: number, everyMs = 5): PeakWatch {
  const reset = resetPeak(pid);
  const base = rssMiB(pid);
  let sampled = base;
  const timer = setInterval(() => {
    try {
      sampled = Math.max(sampled, rssMiB(pid));
    } catch {
      // the process ended; the last sample stands
    }
  }, everyMs);
  return {
    base,
    stop() {
      clearInterval(timer);
      return { sampled, hwm: reset ? peakMiB(pid) : undefined };
    },
  };
}
