import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');

/** The packages a module loads when imported, through its static value imports (type-only and dynamic ones load nothing). */
function packagesLoadedBy(entry: string): { packages: Map<string, string>; files: number; modules: Set<string> } {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const pending = [path.join(root, entry)];
  const statement = /^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?'([^']+)'/gm;
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(statement)) {
      const spec = specifier as string;
      if (spec.startsWith('.')) pending.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
      else if (!spec.startsWith('node:')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        if (!packages.has(name)) packages.set(name, path.relative(root, file));
      }
    }
  }
  return { packages, files: seen.size, modules: new Set([...seen].map((file) => path.relative(root, file))) };
}

describe("the host's imports", () => {
  it('keep the model engines in the workers: starting the models loads neither tfjs nor ONNX Runtime on the event loop', () => {
    // tfjs on the host thread cost ~42 MB of heap (every full GC of the indexer's event loop walks it) and its load.
    for (const entry of ['electron/core/models/openModelAnalyzer.ts', 'electron/core/library/LibraryService.ts']) {
      const { packages: loaded, files } = packagesLoadedBy(entry);
      expect(files, entry).toBeGreaterThan(5);
      for (const engine of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'onnxruntime-node']) {
        expect(loaded.has(engine) ? `${engine} via ${loaded.get(engine)}` : null, entry).toBeNull();
      }
    }
  });

  it('keeps the text reader in its thread: the library loads neither tesseract nor the reading code on the event loop', () => {
    // The gate, the crops and the cleaned bands cost 10–80 ms a photo of CPU on whichever thread reads (TextReaderThread).
    for (const entry of ['electron/core/text/openTextReader.ts', 'electron/core/library/LibraryService.ts']) {
      const { packages, modules } = packagesLoadedBy(entry);
      expect(modules.has('native-models/text/TextReaderThread.ts'), entry).toBe(true);
      expect(modules.has('native-models/text/TextReader.ts'), entry).toBe(false);
      expect(modules.has('native-models/text/textGate.ts'), entry).toBe(false);
      expect(packages.has('tesseract.js'), entry).toBe(false);
    }
  });

  it('sees an engine behind a re-export', () => {
    // The check itself: faceEmbedder.ts loads tfjs (it runs the face model), so it must be found from there.
    expect(packagesLoadedBy('native-models/faces/faceEmbedder.ts').packages.get('@tensorflow/tfjs')).toBe('native-models/faces/faceEmbedder.ts');
  });
});
