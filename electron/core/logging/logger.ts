import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs to `<logs>/phototag.log` (one line per event, greppable with jq); warnings and errors
 * that a person must see are printed by the shells, not here.
 */
export function createLogger(logsDir: string | null, level: string = process.env.PHOTOTAG_LOG_LEVEL ?? 'info'): Logger {
  if (logsDir === null) return pino({ level: 'silent' });
  fs.mkdirSync(logsDir, { recursive: true });
  const destination = pino.destination({ dest: path.join(logsDir, 'phototag.log'), append: true, sync: true });
  return pino({ level, base: { pid: process.pid } }, destination);
}
