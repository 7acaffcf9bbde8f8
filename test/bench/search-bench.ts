/**
 * Search latency on a synthetic 100,000-photo library: builds it through the repositories (timed), then runs a
 * seeded mix of query kinds, with paging, through searchPhotos and reports p50/p95/max per kind and overall.
 * Usage: npm run bench:search -- [--json] [--photos N] [--seed N]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { facetCounts } from '../../db/search/facetCounts.js';
import { searchPhotos } from '../../db/search/searchPhotos.js';
import { suggestTags } from '../../db/search/suggestTags.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { populateSyntheticLibrary, type SyntheticLibraryInfo } from './syntheticLibrary.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
};
const photoCount = numberArg('--photos', 100_000);
const seed = numberArg('--seed', 7);

interface BenchQuery {
  kind: string;
  text: string;
  offset: number;
}


/**
 * The query mix: what people type into a photo search, common tags more often than rare ones, most on the first
 * page and some scrolled far down. Every kind gets the same number of queries, so each has its own percentiles.
 */
function queryMix(info: SyntheticLibraryInfo, random: () => number, perKind: number): BenchQuery[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Popular tags are searched more, but people look for rare things too: weight ∝ 1/√rank.
  const tags = info.tagsByFrequency;
  const tagWeights = tags.map((_, i) => 1 / Math.sqrt(i + 1));
  const tagWeightSum = tagWeights.reduce((a, b) => a + b, 0);
  const tag = () => {
    let x = random() * tagWeightSum;
    for (let i = 0; i < tags.length; i++) if ((x -= tagWeights[i] as number) <= 0) return tags[i] as string;
    return tags[0] as string;
  };
  const tagTerm = () => {
    const name = tag();
    return name.includes(' ') ? `tag:"${name}"` : `tag:${name}`;
  };
  const synonyms = info.vocabulary.flatMap((v) => v.synonyms).filter((s) => !s.includes(' '));
  const words = ['beach', 'dog', 'sunset', 'park', 'table', 'person', 'cake', 'mountain', 'kitchen', 'snow', 'birthday', 'street', 'close-up', 'blurry', 'christmas', 'garden', 'pizza', 'car', 'sea', 'bench'];
  const phrases = ['"dining table"', '"hot dog"', '"a dog"', '"close-up photo"', '"next to a"', '"teddy bear"', '"at the beach"', '"in the park"', '"wine glass"', '"blurry photo of a person"'];
  const prefixes = ['beac', 'gira', 'mount', 'birth', 'kitc', 'sunse', 'christ', 'skate', 'eleph', 'umbr', 'pers', 'IMG_0123', 'DSC_0456', 'holid', 'toot'];
  const cameras = ['camera:canon', 'camera:iphone', 'camera:nikon', 'camera:"eos 5d"', 'camera:sony', 'camera:pixel', 'camera:fujifilm', 'camera:gopro', 'camera:dji', 'lens:50mm', 'lens:"24-105"', 'camera:kodak'];
  const year = () => info.firstYear + Math.floor(random() * (info.lastYear - info.firstYear + 1));
  const month = () => String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = () => String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const folders = ['folder:holidays', 'folder:2019', 'folder:"birthday anna"', 'folder:pets', 'folder:screenshots', 'folder:"phone backup"', 'folder:christmas', 'folder:spain', 'folder:ski', folder2()];
  function folder2() {
    return `folder:"${String(pick(info.directories)).split('/')[1]}"`;
  }
  const formats = ['format:heic', 'format:jpg', 'format:png', 'format:tif', 'format:webp', 'format:heif', 'format:gif'];

  const kinds: Record<string, () => string> = {
    tag: () => (random() < 0.15 ? `tag:${pick(synonyms)}` : tagTerm()),
    tag_and: () => `${tagTerm()} ${tagTerm()}`,
    or: () => (random() < 0.5 ? `${tagTerm()} OR ${tagTerm()}` : `${pick(words)} OR ${pick(words)} OR ${tagTerm()}`),
    not: () => pick([() => `${tagTerm()} -${tagTerm()}`, () => `-${tagTerm()}`, () => `${pick(words)} NOT ${pick(words)}`, () => `${tagTerm()} -${pick(words)}`])(),
    words: () => (random() < 0.5 ? pick(words) : `${pick(words)} ${pick(words)}`),
    phrase: () => pick(phrases),
    prefix: () => (random() < 0.5 ? pick(prefixes) : `${pick(words)} ${pick(prefixes)}`),
    camera: () => pick(cameras),
    year: () => `year:${year()}`,
    date_range: () => pick([() => `after:${year()}-${month()}-${day()}`, () => `before:${year()}`, () => `after:${year()}-${month()} before:${year() + 1}-${month()}`, () => `after:${year()} before:${year() + 2}`])(),
    folder: () => pick(folders),
    format: () => pick(formats),
    gps: () => (random() < 0.5 ? 'has:gps' : `has:gps ${pick([tagTerm(), `year:${year()}`, 'format:heic', 'camera:iphone'])}`),
    complex: () =>
      pick([
        () => `${tagTerm()} ${pick(words)} -${tagTerm()} year:${year()}`,
        () => `(${tagTerm()} OR ${tagTerm()}) has:gps`,
        () => `camera:iphone after:${year()} -format:png`,
        () => `(${pick(words)} OR ${pick(words)}) -${tagTerm()} after:${year()}-${month()}`,
        () => `${tagTerm()} ${tagTerm()} ${pick(folders)}`,
        () => `NOT (${tagTerm()} OR ${tagTerm()}) format:heic`,
        () => `${pick(phrases)} ${pick(cameras)}`,
        () => `(${tagTerm()} -${tagTerm()}) OR (${pick(words)} year:${year()})`,
      ])(),
  };
  const offset = () => {
    const r = random();
    if (r < 0.7) return 0;
    if (r < 0.9) return pick([50, 100, 200, 500]);
    return pick([1000, 2000]);
  };
  const queries: BenchQuery[] = [];
  for (const [kind, make] of Object.entries(kinds)) for (let i = 0; i < perKind; i++) queries.push({ kind, text: make(), offset: offset() });
  // Interleave kinds, as a session would, so no kind gets the cache to itself.
  return queries.map((q) => ({ q, k: random() })).sort((a, b) => a.k - b.k).map((e) => e.q);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
const round = (ms: number) => Math.round(ms * 100) / 100;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50_ms: round(quantile(sorted, 0.5)), p95_ms: round(quantile(sorted, 0.95)), max_ms: round(sorted[sorted.length - 1] ?? 0) };
};

function main(): void {
  const temp = makeTempDir('phototag-search-bench-');
  const library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
  try {
    if (!json) process.stderr.write(`building a ${photoCount.toLocaleString('en')}-photo library…\n`);
    const info = populateSyntheticLibrary(library, {
      photos: photoCount,
      onProgress: (done, total) => {
        if (!json && done % 20_000 === 0) process.stderr.write(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}\n`);
      },
    });

    const warmup = queryMix(info, seededRandom(seed + 1000), 3);
    for (const q of warmup) searchPhotos(library.db, q.text, { limit: 50, offset: q.offset });

    const mix = queryMix(info, seededRandom(seed), 20);
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    const slowest: { ms: number; q: BenchQuery; total: number }[] = [];
    for (const q of mix) {
      const started = performance.now();
      const page = searchPhotos(library.db, q.text, { limit: 50, offset: q.offset });
      const ms = performance.now() - started;
      all.push(ms);
      byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
      slowest.push({ ms, q, total: page.total });
    }

    const facetTimes = ['', 'tag:dog', 'year:2019', 'beach', 'has:gps camera:canon', 'tag:person'].map((q) => {
      const started = performance.now();
      facetCounts(library.db, q);
      return performance.now() - started;
    });
    const suggestTimes = ['d', 'do', 'tv', 'ta', 'gir', 'per', 'b', 'ch'].map((p) => {
      const started = performance.now();
      suggestTags(library.db, p, 10);
      return performance.now() - started;
    });

    const overall = summary(all);
    const result = {
      photos: photoCount,
      queries: all.length,
      ...overall,
      build_s: Math.round(info.buildSeconds * 10) / 10,
      by_kind: Object.fromEntries([...byKind].map(([kind, times]) => [kind, { p50_ms: summary(times).p50_ms, p95_ms: summary(times).p95_ms }])),
      facets: summary(facetTimes),
      suggest: summary(suggestTimes),
    };
    if (json) {
      process.stdout.write(JSON.stringify(result) + '\n');
      return;
    }
    console.log(`\n${result.photos.toLocaleString('en')} photos built in ${result.build_s} s (${info.missing} missing, ${info.failed} failed)`);
    console.log(`${result.queries} queries: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, max ${result.max_ms} ms\n`);
    console.log(`${'kind'.padEnd(12)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
    for (const [kind, times] of byKind) {
      const s = summary(times);
      console.log(`${kind.padEnd(12)} ${String(s.p50_ms).padStart(8)} ${String(s.p95_ms).padStart(8)} ${String(s.max_ms).padStart(8)}`);
    }
    console.log(`\nfacetCounts  p50 ${result.facets.p50_ms} ms, max ${result.facets.max_ms} ms; suggestTags p50 ${result.suggest.p50_ms} ms, max ${result.suggest.max_ms} ms`);
    console.log('\nslowest queries:');
    for (const s of slowest.sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(`  ${s.ms.toFixed(2).padStart(7)} ms  ${s.q.kind.padEnd(11)} offset ${String(s.q.offset).padEnd(5)} total ${String(s.total).padEnd(6)} ${s.q.text}`);
  } finally {
    library.close();
    temp.cleanup();
  }
}

main();
