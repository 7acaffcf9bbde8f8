import { cocoClasses } from '../tagger/cocoClasses.js';
import { objectTagNames } from '../tagger/vocabulary.js';
import { capitalise, countedNoun, joinList } from './language.js';

/** Tag names (readable, e.g. 'table') back to the COCO class names the rules below are written in. */
const cocoNameOf = new Map<string, string>(objectTagNames.map((name, i) => [name, cocoClasses[i] as string]));

/** Where the word people use in a sentence differs from the tag name ('a dog on a couch', not 'on a sofa'). */
const sentenceWords: Record<string, string> = { couch: 'couch', 'dining table': 'table', 'potted plant': 'potted plant', 'cell phone': 'phone' };

/** One detected object; `box` is [x1, y1, x2, y2] as fractions of the image (0..1). */
export interface CaptionObject {
  name: string;
  score: number;
  box: readonly [number, number, number, number];
}

export interface CaptionScene {
  name: string;
  confidence: number;
}

export interface CaptionInput {
  objects: readonly CaptionObject[];
  scenes?: readonly CaptionScene[];
  /** Local wall-clock 'YYYY-MM-DDTHH:MM:SS' when the photo's own metadata gives it; null otherwise. */
  takenAt?: string | null;
}

interface Group {
  /** The COCO class name the rules are keyed by. */
  key: string;
  /** The word the sentence uses. */
  name: string;
  count: number;
  salience: number;
  /** The union box of the group's instances. */
  box: [number, number, number, number];
  biggest: readonly [number, number, number, number];
}

const area = (b: readonly number[]) => Math.max(0, (b[2] as number) - (b[0] as number)) * Math.max(0, (b[3] as number) - (b[1] as number));

function overlap(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2] as number, b[2] as number) - Math.max(a[0] as number, b[0] as number);
  const h = Math.min(a[3] as number, b[3] as number) - Math.max(a[1] as number, b[1] as number);
  return w > 0 && h > 0 ? (w * h) / Math.max(1e-6, Math.min(area(a), area(b))) : 0;
}

/** Verbs a person has with a thing, when their boxes touch. */
const personVerbs: Record<string, string> = {
  bicycle: 'riding', motorcycle: 'riding', horse: 'riding', elephant: 'riding', skateboard: 'riding', surfboard: 'riding',
  snowboard: 'riding', skis: 'skiing on', frisbee: 'playing with', kite: 'flying', 'tennis racket': 'holding',
  'baseball bat': 'swinging', 'baseball glove': 'wearing', 'sports ball': 'playing with', umbrella: 'holding',
  'cell phone': 'talking on', 'mobile phone': 'talking on', laptop: 'using', keyboard: 'typing on', book: 'reading',
  pizza: 'eating', sandwich: 'eating', 'hot dog': 'eating', donut: 'eating', cake: 'cutting', banana: 'holding',
  'dining table': 'sitting at', bench: 'sitting on', couch: 'sitting on', chair: 'sitting on', bed: 'lying on',
  dog: 'with', cat: 'holding', 'teddy bear': 'holding', toothbrush: 'brushing teeth with', 'wine glass': 'holding', cup: 'holding',
  tie: 'wearing', suitcase: 'with', handbag: 'carrying', backpack: 'carrying', 'television': 'watching', tv: 'watching',
  'remote': 'holding', 'video game controller': 'holding',
};

/** Things other things rest on. */
const surfaces = new Set(['dining table', 'bed', 'couch', 'chair', 'bench', 'desk', 'toilet', 'sink', 'plate', 'bowl', 'counter', 'car', 'truck', 'boat', 'surfboard', 'skateboard']);

/** Places the objects imply when no scene model says otherwise (COCO photos rarely need more). */
const placeHints: [readonly string[], string][] = [
  [['oven', 'refrigerator', 'microwave', 'toaster'], 'in a kitchen'],
  [['toilet'], 'in a bathroom'],
  [['bed'], 'in a bedroom'],
  [['train'], 'on the tracks'],
  [['airplane'], 'at an airport'],
  [['boat'], 'on the water'],
  [['bus', 'traffic light', 'stop sign', 'fire hydrant', 'parking meter'], 'on a city street'],
  [['cow', 'sheep', 'horse'], 'in a field'],
  [['giraffe', 'zebra', 'elephant'], 'in the wild'],
  [['skis', 'snowboard'], 'in the snow'],
  [['surfboard'], 'in the ocean'],
  [['baseball bat', 'baseball glove'], 'on a baseball field'],
  [['tennis racket'], 'on a tennis court'],
];

const sceneWords: Record<string, string> = {
  beach: 'on a beach', sea: 'by the sea', forest: 'in a forest', mountain: 'in the mountains', glacier: 'on a glacier',
  street: 'on a street', buildings: 'in the city', indoor: 'indoors', kitchen: 'in a kitchen', snow: 'in the snow',
};

function groupObjects(objects: readonly CaptionObject[]): Group[] {
  const groups = new Map<string, Group>();
  for (const o of objects) {
    const key = cocoNameOf.get(o.name) ?? o.name;
    const g = groups.get(key);
    const s = area(o.box) * o.score;
    if (!g) groups.set(key, { key, name: sentenceWords[key] ?? o.name, count: 1, salience: s, box: [...o.box], biggest: o.box });
    else {
      g.count += 1;
      g.salience += s;
      g.box = [Math.min(g.box[0], o.box[0]), Math.min(g.box[1], o.box[1]), Math.max(g.box[2], o.box[2]), Math.max(g.box[3], o.box[3])];
      if (area(o.box) > area(g.biggest)) g.biggest = o.box;
    }
  }
  // People draw the eye; furniture and other surfaces are what things stand on, rarely the subject.
  const weight = (g: Group) => g.salience * (g.key === 'person' ? 2 : surfaces.has(g.key) ? 0.1 : 1);
  return [...groups.values()].sort((a, b) => weight(b) - weight(a));
}

function relation(subject: Group, other: Group): string {
  const touching = overlap(subject.box, other.box) > 0.05;
  if (subject.key === 'person' && personVerbs[other.key] && (touching || other.key === 'kite' || other.key === 'frisbee')) {
    return personVerbs[other.key] as string;
  }
  // Resting on: the subject's bottom edge lies within the other's box, horizontally overlapping.
  const sb = subject.biggest;
  const ob = other.biggest;
  const horizontal = Math.min(sb[2], ob[2]) - Math.max(sb[0], ob[0]) > 0;
  if (surfaces.has(other.key) && horizontal && sb[3] >= ob[1] && sb[3] <= ob[3] + 0.05 && area(sb) < area(ob) * 1.5) return 'on';
  if (touching) return 'with';
  return 'next to';
}

function timeOfDay(takenAt: string | null | undefined): string | null {
  if (!takenAt) return null;
  const hour = Number(takenAt.slice(11, 13));
  if (!Number.isFinite(hour)) return null;
  if (hour >= 5 && hour < 12) return 'in the morning';
  if (hour >= 12 && hour < 17) return 'in the afternoon';
  if (hour >= 17 && hour < 21) return 'in the evening';
  return 'at night';
}

function place(groups: readonly Group[], scenes: readonly CaptionScene[] | undefined, used: ReadonlySet<string>): string | null {
  const scene = [...(scenes ?? [])].sort((a, b) => b.confidence - a.confidence)[0];
  if (scene && scene.confidence >= 0.6 && sceneWords[scene.name]) return sceneWords[scene.name] as string;
  const names = new Set(groups.map((g) => g.key));
  for (const [hints, phrase] of placeHints) {
    if (hints.some((h) => names.has(h) && !used.has(h))) return phrase;
  }
  for (const [hints, phrase] of placeHints) if (hints.some((h) => names.has(h))) return phrase;
  return null;
}

/**
 * One readable sentence from what the models found: the most salient thing, how it relates to the next one
 * (riding, on, sitting at …), what else is there, where, and when. E.g. "Two people sitting at a dining table
 * with a pizza, in the evening."
 */
export function composeCaption(input: CaptionInput): string {
  const groups = groupObjects(input.objects);
  const when = timeOfDay(input.takenAt);
  const used = new Set<string>();
  let sentence: string;
  if (groups.length === 0) {
    const where = place([], input.scenes, used);
    sentence = where ? `A view ${where}` : 'A photo with no recognisable objects';
  } else {
    const [subject, ...rest] = groups as [Group, ...Group[]];
    used.add(subject.key);
    sentence = countedNoun(subject.name, subject.count);
    const second = rest[0];
    if (second) {
      used.add(second.key);
      sentence += ` ${relation(subject, second)} ${countedNoun(second.name, second.count)}`;
      const extras = rest.slice(1, 3).filter((g) => g.salience > 0.002);
      if (extras.length > 0) {
        extras.forEach((g) => used.add(g.key));
        sentence += ` and ${joinList(extras.map((g) => countedNoun(g.name, g.count)))}`;
      }
    }
    const where = place(groups, input.scenes, used);
    if (where) sentence += ` ${where}`;
  }
  if (when) sentence += `, ${when}`;
  return capitalise(sentence) + '.';
}
