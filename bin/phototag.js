#!/usr/bin/env node
// The `phototag` command: runs the compiled CLI (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('phototag: the CLI is not built yet. Run `npm run build` in the Phototag folder, then try again.');
  process.exit(1);
}
await import(entry.href);
