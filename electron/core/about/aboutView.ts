import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedComponents } from '../../../native-models/licences.js';
import type { AboutView } from '../../contract/views.js';

interface AppPackage {
  name: string;
  version: string;
  license: string;
}

let appPackage: AppPackage | null = null;

/**
 * The app's own package.json, found by walking up from this file: the core runs from source (tsx, tests), from
 * dist/ and from inside a packaged app's asar, each at a different depth.
 */
function readAppPackage(): AppPackage {
  if (appPackage) return appPackage;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AppPackage>;
      if (json.name === 'phototag' && typeof json.version === 'string') {
        appPackage = { name: json.name, version: json.version, license: json.license ?? 'MIT' };
        return appPackage;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Phototag's package.json was not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function aboutView(): AboutView {
  const pkg = readAppPackage();
  return {
    name: 'Phototag',
    version: pkg.version,
    licence: pkg.license,
    runtime: { node: process.versions.node, electron: process.versions.electron ?? null },
    components: shippedComponents.map((component) => ({ ...component })),
  };
}
