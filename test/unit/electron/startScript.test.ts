import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(root, 'scripts', 'start.mjs');
const electronPackage = path.join(root, 'node_modules', 'electron');
const binaryDownloaded = fs.existsSync(path.join(electronPackage, 'path.txt'));

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function runStart(env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [script], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

function expectWebModeHelp(result: ReturnType<typeof runStart>): void {
  expect(result.error).toBeUndefined(); // not killed by the timeout: it did not hang on a download
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('the Electron binary is not available here');
  expect(result.stderr).toContain('npx phototag serve --data-dir');
  expect(result.stderr).toContain('npm run demo');
  // It gives up before building: nothing was compiled on the way to the message.
  expect(result.stdout).not.toContain('npm run build');
}

describe('npm start without an Electron binary', () => {
  it('says so, points at the web mode and the CLI, and exits non-zero without hanging', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'phototag-no-electron-'));
    dirs.push(empty);
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expectWebModeHelp(result);
    expect(result.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH is ${empty}`);
  });

  // This machine's own state: the npm package is installed but its binary download never happened.
  it.runIf(fs.existsSync(electronPackage) && !binaryDownloaded)('gives the same help when the binary was never downloaded', () => {
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: '' });
    expectWebModeHelp(result);
    expect(result.stderr).toContain('path.txt is missing');
    expect(fs.existsSync(path.join(electronPackage, 'dist'))).toBe(false);
  });
});
