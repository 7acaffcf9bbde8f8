import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as unknown;
const packageJson = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as { packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }> };
// npm's own range logic (semver is in the tree through npm's tooling), so ranges read as npm reads them.
const semver = createRequire(path.join(root, 'package.json'))('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
};

/**
 * The Node the headless core (CLI, `serve`, tests) runs on, as the README's "Node versions" says: older than what
 * installing the desktop toolchain needs, and what CI runs on.
 */
const headlessNode = '20.19.0';

function lockedEngines(filter: (entry: { dev?: boolean }) => boolean): { name: string; range: string }[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && filter(entry))
    .flatMap(([key, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // A few old packages carry ranges npm itself cannot read (it ignores them too).
      return range !== undefined && semver.validRange(range) !== null ? [{ name: `${key.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'}`, range }] : [];
    });
}

describe("package.json's engines", () => {
  it('asks for a Node that every locked package accepts, the desktop toolchain (electron, electron-builder) included', () => {
    const engines = lockedEngines(() => true);
    // Every Node release line from 18 to 30 at each minor (ranges draw their lines at minors), plus each range's floor.
    const probes = [
      ...Array.from({ length: 13 * 40 }, (_, i) => `${18 + Math.floor(i / 40)}.${i % 40}.0`),
      ...engines.flatMap(({ range }) => semver.minVersion(range)?.version ?? []),
    ];
    const allowed = probes.filter((version) => semver.satisfies(version, packageJson.engines.node));
    expect(allowed.length).toBeGreaterThan(0);
    const refusing = engines.flatMap(({ name, range }) => {
      const refused = allowed.filter((version) => !semver.satisfies(version, range));
      return refused.length > 0 ? [`${name} (${range}) refuses Node ${refused[0]}`] : [];
    });
    expect(refusing, `engines.node ${packageJson.engines.node} allows Node versions these refuse`).toEqual([]);
    expect(lock.packages['']?.engines).toEqual(packageJson.engines);
  });

  it('is only as strict as the toolchain needs: the packages the app runs on accept the Node the headless core is tested on', () => {
    const refusing = lockedEngines((entry) => entry.dev !== true).filter(({ range }) => !semver.satisfies(headlessNode, range));
    expect(refusing).toEqual([]);
    // The stricter floor comes from the dev toolchain alone; were it gone, engines could go back to the headless one.
    expect(lockedEngines((entry) => entry.dev === true).some(({ range }) => !semver.satisfies(headlessNode, range))).toBe(true);
  });
});
