#!/usr/bin/env node
// `npm start`: build Phototag and run the desktop app. `npm start -- --no-build` skips the build; other
// arguments go to Electron. Where there is no Electron binary it says how to use Phototag without one.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const electronArgs = args.filter((arg) => arg !== '--no-build');

const electron = findElectronBinary();
if (!electron.ok) {
  console.error(`phototag: the Electron binary is not available here, so the desktop app cannot start (${electron.reason}).

Electron downloads its binary from GitHub the first time it is used. Where GitHub is reachable, fetch it with
  node node_modules/electron/install.js
or point ELECTRON_OVERRIDE_DIST_PATH at a folder holding an unpacked Electron ${electron.version ?? ''} build.

Phototag works without Electron too:
  web UI:    npm run build && npx phototag serve --data-dir ./.phototag-data   then open the URL it prints
  terminal:  npm run demo   (index the sample photos and search them), or npx phototag --help`);
  process.exit(1);
}

if (!skipBuild) build();
launch(electron.path);

/**
 * Finds the Electron executable without ever triggering a download. `require('electron')` would download a
 * missing binary (and hang with no network), so this reads the same files that module does — its path.txt and
 * dist/ folder, or ELECTRON_OVERRIDE_DIST_PATH — and only checks whether the file is there.
 */
function findElectronBinary() {
  let packageDir;
  let version;
  try {
    const packageJson = createRequire(path.join(root, 'package.json')).resolve('electron/package.json');
    packageDir = path.dirname(packageJson);
    version = JSON.parse(fs.readFileSync(packageJson, 'utf8')).version;
  } catch {
    return { ok: false, reason: 'the electron package is not installed: run npm install' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, executable ?? 'electron');
    return isFile(candidate) ? { ok: true, path: candidate } : { ok: false, version, reason: `ELECTRON_OVERRIDE_DIST_PATH is ${override}, which holds no ${executable ?? 'electron'}` };
  }
  if (executable === null) return { ok: false, version, reason: `Electron ${version}'s binary was never downloaded: node_modules/electron/path.txt is missing` };
  const candidate = path.join(packageDir, 'dist', executable);
  return isFile(candidate) ? { ok: true, path: candidate } : { ok: false, version, reason: `${candidate} is missing` };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Compiles the TypeScript (and the renderer, when the build includes it), stopping here if that fails. */
function build() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = (script) => {
    console.log(`phototag: npm run ${script}`);
    const result = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  };
  run('build');
  const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  const renderer = path.join(root, 'renderer', 'dist', 'index.html');
  if (!fs.existsSync(renderer) && scripts['build:renderer']) run('build:renderer');
  if (!fs.existsSync(renderer)) console.warn('phototag: renderer/dist/index.html is missing; the window will say how to build the UI.');
}

/** Runs the app from this folder (package.json `main`), passing signals on and exiting with its exit code. */
function launch(binary) {
  const env = { ...process.env };
  // Set by some tools; it would make Electron run as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.', ...electronArgs], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`phototag: could not run ${binary}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
