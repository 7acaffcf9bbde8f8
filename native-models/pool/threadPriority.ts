import fs from 'node:fs';
import os from 'node:os';

/**
 * Makes the calling thread yield the CPU to the rest of the process: inference workers run niced so that the host's
 * event loop (UI answers, database writes) and the decoders feeding them get a core the moment they need one.
 * Linux only (a thread id is a schedulable entity there); elsewhere, or if the OS refuses, nothing changes.
 */
export function lowerThreadPriority(niceness = 10): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
