import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

/** pino's number for 'warn': below it, a line is detail for the log file, not something a person must read. */
const warnLevel = 40;

/**
 * The log file, written synchronously (a crash never loses the lines before it). A log that cannot be opened or
 * written (read-only or full disk) must never take the program down: from then on, warnings and errors go to
 * stderr and the rest is dropped, since info lines on a terminal are noise.
 */
class LogFileWithFallback {
  private fd: number | null = null;
  private failure: string | null = null;

  constructor(private readonly file: string) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      this.fd = fs.openSync(file, 'a', 0o600);
    } catch (error) {
      this.fail(error);
    }
  }

  write(line: string): void {
    if (this.fd !== null) {
      try {
        fs.writeSync(this.fd, line);
        return;
      } catch (error) {
        this.fail(error);
      }
    }
    const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? warnLevel);
    if (level < warnLevel) return;
    if (this.failure !== null) {
      process.stderr.write(`phototag: the log ${this.file} cannot be written (${this.failure}); its warnings follow here.\n`);
      this.failure = null;
    }
    process.stderr.write(line);
  }

  private fail(error: unknown): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Closing a file we could not write to may fail too; it is dropped either way.
      }
    }
    this.fd = null;
    this.failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/**
 * Structured JSON logs to `<logs>/phototag.log` (one line per event, greppable with jq); warnings and errors
 * that a person must see are printed by the shells, not here.
 */
export function createLogger(logsDir: string | null, level: string = process.env.PHOTOTAG_LOG_LEVEL ?? 'info'): Logger {
  if (logsDir === null) return pino({ level: 'silent' });
  return pino({ level, base: { pid: process.pid } }, new LogFileWithFallback(path.join(logsDir, 'phototag.log')));
}
