import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { licenceTable, shippedComponents, yolov5sFolder } from '../../../native-models/licences.js';

const root = path.resolve(import.meta.dirname, '../../..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'build', 'electron-builder.json'), 'utf8')) as {
  extraResources: { from: string; to: string; filter?: string[] }[];
};
// electron-builder's own glob matcher, so filters read as the packager reads them.
const builderRequire = createRequire(createRequire(path.join(root, 'package.json')).resolve('electron-builder/package.json'));
const { minimatch } = createRequire(builderRequire.resolve('app-builder-lib/package.json'))('minimatch') as {
  minimatch: (file: string, pattern: string) => boolean;
};

/** Every file the packaging config copies into resources/, as its path there. */
function packagedResources(): string[] {
  return config.extraResources.flatMap((entry) => {
    const from = path.join(root, entry.from);
    const names = fs
      .readdirSync(from, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(from, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    return names.filter((name) => entry.filter === undefined || entry.filter.some((f) => minimatch(name, f))).map((name) => `${entry.to}/${name}`);
  });
}

describe('the licences of what ships (native-models/licences.ts)', () => {
  const listed = shippedComponents.flatMap((c) => (typeof c.ships === 'string' ? [] : c.ships));

  it("name every model file the packaged app carries, and no file it does not", () => {
    const shipped = packagedResources();
    const models = shipped.filter((file) => file.startsWith('models/'));
    expect(models.length).toBeGreaterThanOrEqual(12);
    for (const file of models) expect(listed.some((glob) => minimatch(file, glob)), `${file} is packaged but not in the licence list`).toBe(true);
    for (const glob of listed) expect(shipped.some((file) => minimatch(file, glob)), `${glob} is listed but not packaged`).toBe(true);
  });

  it('ship the AGPL-3.0 notice next to the YOLOv5s weights and in resources/LICENSES', () => {
    const yolo = shippedComponents.find((c) => c.licence.startsWith('AGPL'));
    expect(yolo?.name).toMatch(/YOLOv5s/);
    expect(yolo?.notice).toMatch(new RegExp(`without ${yolov5sFolder}.*'fast' keeps working`));
    const shipped = packagedResources();
    expect(shipped).toContain(`${yolov5sFolder}/AGPL-3.0-only.md`);
    expect(shipped).toContain('LICENSES/AGPL-3.0-only.md');
    expect(shipped).toContain(`${yolov5sFolder}/AGPL-3.0-only.txt`);
    expect(fs.readFileSync(path.join(root, 'LICENSES', 'AGPL-3.0-only.md'), 'utf8')).toMatch(/AGPL-3\.0-only\.txt/);
    // The licence's own full text, not a pointer to it: its first line and its last section's heading.
    const text = fs.readFileSync(path.join(root, 'LICENSES', 'AGPL-3.0-only.txt'), 'utf8');
    expect(text.startsWith('GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007')).toBe(true);
    expect(text).toContain('13. Remote Network Interaction; Use with the GNU General Public License.');
  });

  it('say where every component comes from, and list only what we are sure of', () => {
    for (const c of shippedComponents) {
      expect(c.url, c.name).toMatch(/^https:\/\//);
      expect(c.licence.length, c.name).toBeGreaterThan(0);
      expect(c.source.length, c.name).toBeGreaterThan(0);
    }
    // Numbers compiled into the app name the file they are in.
    for (const c of shippedComponents.filter((c) => c.ships === 'app code')) {
      const file = /(?:native-models|db)\/[\w/.]+\.ts/.exec(c.usedFor)?.[0];
      expect(file && fs.existsSync(path.join(root, file)), c.name).toBe(true);
    }
  });

  it('are the table in the README', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /<!-- licences:start[^>]*-->\n([\s\S]*?)\n<!-- licences:end -->/.exec(readme)?.[1];
    expect(block, 'the README has no licences table between its markers').toBeDefined();
    expect(block).toBe(licenceTable());
  });
});
