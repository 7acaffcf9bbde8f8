#!/usr/bin/env node
// `npm test`: typecheck, lint, then every test tier; ends with one "N passed, N failed" line for CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`=== ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

const steps = [];
steps.push(['typecheck', run('typecheck', 'npx', ['tsc', '-b'])]);
// The renderer (DOM, JSX, bundler resolution) and its component tests are projects of their own.
steps.push(['typecheck renderer', run('typecheck renderer', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']) && run('typecheck renderer tests', 'npx', ['tsc', '-p', 'test/unit/renderer/tsconfig.json'])]);
// The ONNX Runtime backend runs the shipped models from graphs converted at build time (git-ignored): convert them.
steps.push(['convert models', run('convert models', 'node', ['dist/native-models/onnx/convertCli.js'])]);
steps.push(['lint', run('lint', 'npx', ['eslint', '.', '--max-warnings=0'])]);
// The e2e tests drive `phototag serve`, which serves the built UI: build it before the tests run.
steps.push(['build renderer', run('build renderer', 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'])]);

const report = path.join(resultsDir, 'vitest.json');
fs.rmSync(report, { force: true });
steps.push(['tests', run('tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
const failedSteps = steps.filter(([, ok]) => !ok).map(([name]) => name);
// A failed typecheck or lint counts as a failure even when every test passed.
failed += failedSteps.filter((s) => s !== 'tests').length;
if (failedSteps.includes('tests') && failed === 0) failed = 1;
console.log(`\nSteps: ${steps.map(([name, ok]) => `${name} ${ok ? 'ok' : 'FAILED'}`).join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length === 0 && passed > 0 ? 0 : 1);
