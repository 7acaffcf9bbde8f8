import { cocoClasses } from './cocoClasses.js';
import type { CocoClass } from './cocoClasses.js';

export type TagKind = 'object' | 'scene';

/** A tag the models can produce; search resolves any synonym to the name (`tag:tv` finds 'television'). */
export interface VocabularyEntry {
  name: string;
  kind: TagKind;
  synonyms: readonly string[];
}

/**
 * Readable names for COCO's terse or American-only labels, and words people type for them. Each synonym must be
 * unique across the vocabulary and never another tag's name: the database keys synonyms by alias.
 */
const objectWords: Record<CocoClass, { name?: string; synonyms?: string[] }> = {
  person: { synonyms: ['people', 'human', 'man', 'woman', 'child', 'kid'] },
  bicycle: { synonyms: ['bike', 'cycle'] },
  car: { synonyms: ['automobile', 'cars'] },
  motorcycle: { synonyms: ['motorbike', 'scooter'] },
  airplane: { name: 'aeroplane', synonyms: ['airplane', 'plane', 'aircraft', 'jet'] },
  bus: { synonyms: ['coach'] },
  train: { synonyms: ['railway', 'locomotive'] },
  truck: { synonyms: ['lorry'] },
  boat: { synonyms: ['ship', 'sailboat'] },
  'traffic light': { synonyms: ['traffic signal', 'stoplight'] },
  'fire hydrant': { synonyms: ['hydrant'] },
  'stop sign': {},
  'parking meter': {},
  bench: {},
  bird: { synonyms: ['birds'] },
  cat: { synonyms: ['kitten', 'cats'] },
  dog: { synonyms: ['puppy', 'dogs'] },
  horse: { synonyms: ['pony'] },
  sheep: { synonyms: ['lamb'] },
  cow: { synonyms: ['cattle'] },
  elephant: {},
  bear: {},
  zebra: {},
  giraffe: {},
  backpack: { synonyms: ['rucksack'] },
  umbrella: { synonyms: ['parasol'] },
  handbag: { synonyms: ['purse', 'bag'] },
  tie: { synonyms: ['necktie'] },
  suitcase: { synonyms: ['luggage'] },
  frisbee: {},
  skis: { name: 'ski', synonyms: ['skis', 'skiing'] },
  snowboard: { synonyms: ['snowboarding'] },
  'sports ball': { name: 'ball', synonyms: ['sports ball', 'football', 'soccer ball'] },
  kite: {},
  'baseball bat': {},
  'baseball glove': { synonyms: ['baseball mitt'] },
  skateboard: { synonyms: ['skateboarding'] },
  surfboard: { synonyms: ['surfing'] },
  'tennis racket': { synonyms: ['tennis racquet', 'tennis'] },
  bottle: {},
  'wine glass': {},
  cup: { synonyms: ['mug'] },
  fork: {},
  knife: {},
  spoon: {},
  bowl: {},
  banana: {},
  apple: {},
  sandwich: {},
  orange: {},
  broccoli: {},
  carrot: {},
  'hot dog': { synonyms: ['hotdog'] },
  pizza: {},
  donut: { name: 'doughnut', synonyms: ['donut'] },
  cake: {},
  chair: {},
  couch: { name: 'sofa', synonyms: ['couch'] },
  'potted plant': { name: 'houseplant', synonyms: ['potted plant', 'plant'] },
  bed: {},
  'dining table': { name: 'table', synonyms: ['dining table', 'desk'] },
  toilet: { synonyms: ['loo', 'wc'] },
  tv: { name: 'television', synonyms: ['tv', 'telly', 'monitor', 'screen'] },
  laptop: { synonyms: ['notebook computer', 'computer'] },
  mouse: { name: 'computer mouse', synonyms: ['mouse'] },
  remote: { name: 'remote control', synonyms: ['remote'] },
  keyboard: {},
  'cell phone': { name: 'mobile phone', synonyms: ['cell phone', 'cellphone', 'phone', 'smartphone'] },
  microwave: { synonyms: ['microwave oven'] },
  oven: { synonyms: ['stove', 'cooker'] },
  toaster: {},
  sink: {},
  refrigerator: { name: 'fridge', synonyms: ['refrigerator'] },
  book: { synonyms: ['books'] },
  clock: {},
  vase: {},
  scissors: {},
  'teddy bear': { synonyms: ['teddy', 'stuffed animal'] },
  'hair drier': { name: 'hair dryer', synonyms: ['hair drier', 'hairdryer'] },
  toothbrush: {},
};

/** The readable tag name for each COCO class, in COCO order. */
export const objectTagNames: readonly string[] = cocoClasses.map((c) => objectWords[c].name ?? c);

export const objectVocabulary: readonly VocabularyEntry[] = cocoClasses.map((c, i) => ({
  name: objectTagNames[i] as string,
  kind: 'object',
  synonyms: objectWords[c].synonyms ?? [],
}));
