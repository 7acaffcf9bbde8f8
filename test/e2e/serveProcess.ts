import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiInput, ApiMethod, ApiOutput } from '../../electron/contract/api.js';
import type { Result } from '../../electron/contract/result.js';
import { cliPath } from '../helpers/cli.js';
import { repoRoot } from '../helpers/sharedData.js';

export interface ServedLibrary {
  url: string;
  origin: string;
  token: string;
  /** Calls the API over HTTP, as the page does, and returns the value (throws with the error's message). */
  api<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /** Everything the server wrote on stderr so far, for failure messages. */
  log(): string;
  stop(): Promise<number | null>;
}

/** `phototag serve` needs the compiled CLI and the built UI; say how to get them rather than fail obscurely. */
export function assertBuilt(): void {
  const missing = [path.join(repoRoot, 'dist', 'electron', 'cli', 'main.js'), path.join(repoRoot, 'renderer', 'dist', 'index.html')].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first (npm run test:e2e does).`);
}

/** Starts `phototag serve` as a user would, and reads the URL from the first line of its stdout. */
export async function startServe(options: { dataDir: string; models: 'fast' | 'fast-then-accurate' | 'off'; timeoutMs?: number; env?: Record<string, string> }): Promise<ServedLibrary> {
  assertBuilt();
  const child: ChildProcess = spawn(process.execPath, [cliPath, 'serve', '--data-dir', options.dataDir, '--models', options.models, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PHOTOTAG_LOG_LEVEL: 'warn', ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`phototag serve printed no URL within ${options.timeoutMs ?? 120_000} ms. stderr:\n${stderr}`)), options.timeoutMs ?? 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`phototag serve exited with ${code} before printing its URL. stderr:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';

  return {
    url,
    origin: parsed.origin,
    token,
    async api(method, input) {
      const response = await fetch(`${parsed.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-phototag-token': token }, body: JSON.stringify(input) });
      const result = (await response.json()) as Result<unknown>;
      if (!result.ok) throw new Error(`${method}: ${result.error.kind}: ${result.error.message}`);
      return result.value as never;
    },
    log: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls the API until nothing is queued and the indexer watches, with at least `total` photos. */
export async function waitForIndexing(served: ServedLibrary, total: number, timeoutMs = 240_000): Promise<ApiOutput<'library.status'>> {
  const started = Date.now();
  for (;;) {
    const status = await served.api('library.status', {});
    if (status.indexer.state === 'watching' && status.photos.queued === 0 && status.photos.total >= total) return status;
    if (status.indexer.state === 'blocked') throw new Error(`indexing is blocked: ${status.indexer.problem}`);
    if (Date.now() - started > timeoutMs) throw new Error(`indexing did not finish in ${timeoutMs} ms: ${JSON.stringify(status.photos)}. Server log:\n${served.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
