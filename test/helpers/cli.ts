import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './sharedData.js';

export const cliPath = path.join(repoRoot, 'bin', 'phototag.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `phototag` CLI (npm test builds it first) as a user would. */
export function runCli(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, PHOTOTAG_LOG_LEVEL: 'warn' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runCliJson<T>(args: readonly string[]): T {
  const result = runCli([...args, '--json']);
  if (result.status !== 0) throw new Error(`phototag ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export function spawnCli(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PHOTOTAG_LOG_LEVEL: 'warn' } });
}
