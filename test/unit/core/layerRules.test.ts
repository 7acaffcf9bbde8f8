import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it lived at `file` (a path in the repo that need not exist). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the layer rules (eslint.config.js)', () => {
  it('keep db/ out of the shells and the API handlers', async () => {
    const importDb = "import { DatabaseError } from '../../db/errors.js';\nexport const e = DatabaseError;\n";
    expect(await violations('electron/cli/probe.ts', importDb)).toContain('no-restricted-imports');
    expect(await violations('electron/http/probe.ts', importDb)).toContain('no-restricted-imports');
    const importDbFromApi = "import { facetCounts } from '../../../db/search/facetCounts.js';\nexport const f = facetCounts;\n";
    expect(await violations('electron/core/api/probe.ts', importDbFromApi)).toContain('no-restricted-imports');
    // The rest of the core may use db/: it is the layer below.
    expect(await violations('electron/core/library/probe.ts', importDbFromApi)).toEqual([]);
  });

  it('refuse the library database object in shells and API handlers, and the raw connection anywhere in electron/', async () => {
    const viaLibrary = 'declare const lib: { db: { photos: number } };\nexport const n = lib.db.photos;\n';
    for (const file of ['electron/cli/probe.ts', 'electron/http/probe.ts', 'electron/main/probe.ts', 'electron/core/api/probe.ts']) {
      expect(await violations(file, viaLibrary), file).toContain('no-restricted-syntax');
    }
    expect(await violations('electron/core/library/probe.ts', viaLibrary)).toEqual([]);
    const rawConnection = 'declare const lib: { db: { db: number } };\nexport const n = lib.db.db;\n';
    expect(await violations('electron/core/learning/probe.ts', rawConnection)).toContain('no-restricted-syntax');
  });
});
