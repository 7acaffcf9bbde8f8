import type { Db } from '../openDatabase.js';
import { cachedStatement } from './statementCache.js';
import { wordnetTagHierarchy } from './tagHierarchy.generated.js';

/** Where a model tag sits in WordNet (see scripts/build-tag-hierarchy.ts). */
export interface TagHierarchyEntry {
  /** WordNet lemma and sense number, e.g. 'mouse:4'. */
  sense: string;
  /** The main chain of parents, most general first, without the too-abstract top ('entity', 'object'…). */
  path: readonly string[];
  /** Every ancestor word by any path (all lemmas), lower case. */
  ancestors: readonly string[];
}

const fold = (word: string) => word.trim().toLowerCase();

/** The WordNet parents of a model tag (most general first), or none for a tag WordNet does not place. */
export function wordnetPathOf(tagName: string): readonly string[] {
  return wordnetTagHierarchy[fold(tagName)]?.path ?? [];
}

/**
 * Ids of every tag under `word`: model tags whose WordNet ancestors include it, and the user's tags put under it
 * (or under a tag that is under it, at any depth). `animal` → dog, cat, bird, horse…; never the tag `word` itself.
 */
export function tagIdsUnder(db: Db, word: string): number[] {
  const wanted = fold(word);
  if (wanted.length === 0) return [];
  const tags = cachedStatement(db, 'SELECT id, name FROM tags').all() as { id: number; name: string }[];
  const parents = cachedStatement(db, 'SELECT tag_id AS tagId, parent FROM tag_parents').all() as { tagId: number; parent: string }[];
  const nameOf = new Map(tags.map((t) => [t.id, fold(t.name)]));
  const under = new Set<number>();
  // A name is under `wanted` when it is a model tag with that WordNet ancestor, or (for any tag) one of its
  // user-chosen parents is `wanted` or is itself under `wanted`.
  const namesUnder = new Set<string>();
  for (const t of tags) {
    const name = nameOf.get(t.id) as string;
    if (wordnetTagHierarchy[name]?.ancestors.includes(wanted)) {
      under.add(t.id);
      namesUnder.add(name);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of parents) {
      if (under.has(p.tagId)) continue;
      const parent = fold(p.parent);
      if (parent === wanted || namesUnder.has(parent) || (wordnetTagHierarchy[parent]?.ancestors.includes(wanted) ?? false)) {
        under.add(p.tagId);
        namesUnder.add(nameOf.get(p.tagId) ?? '');
        changed = true;
      }
    }
  }
  return [...under];
}

/**
 * The levels the Tags tree shows: WordNet's familiar category words. Its full chains are too deep to browse
 * ("artifact › instrumentality › conveyance › vehicle › wheeled vehicle › bicycle"); these are the words people
 * file photos under, and each is a word `tag:` understands. ('dish' is left out: WordNet has a crockery dish over
 * bowls and a food dish over pizzas, and one level for both would mislead.)
 */
export const familiarCategories: ReadonlySet<string> = new Set([
  'animal', 'bird', 'mammal', 'plant', 'vehicle', 'aircraft', 'food', 'fruit', 'vegetable', 'baked goods', 'furniture', 'seat',
  'container', 'tableware', 'cutlery', 'appliance', 'electronic equipment', 'device', 'sports equipment', 'game equipment', 'plaything',
  'clothing', 'structure', 'geological formation', 'body of water', 'vegetation',
]);

export interface TagTreeNode {
  name: string;
  /** Photos carrying this tag itself; null for a category no photo carries as a tag. */
  count: number | null;
  /** 'category': a WordNet level; 'tag': a tag of the library. */
  kind: 'category' | 'tag';
  /** The parent the user chose, when they chose one. */
  userParent: string | null;
  /** A tag the user made (added or taught), not one of the models': the ones a user files under a parent. */
  own: boolean;
  children: TagTreeNode[];
}

/**
 * The library's tags as a tree: each model tag under its familiar WordNet categories, each tag the user put under
 * a parent under that parent (and so under the parent's categories), the rest at the top. Sorted by name.
 */
export function buildTagTree(tags: readonly { name: string; count: number; kind?: string }[], userParents: readonly { name: string; parent: string }[]): TagTreeNode[] {
  const parentOf = new Map(userParents.map((p) => [fold(p.name), p.parent]));
  const countOf = new Map(tags.map((t) => [fold(t.name), t.count]));
  const ownTags = new Set(tags.filter((t) => t.kind !== undefined && t.kind !== 'object' && t.kind !== 'scene').map((t) => fold(t.name)));
  const chainOf = (name: string, seen: Set<string> = new Set()): string[] => {
    const key = fold(name);
    if (seen.has(key)) return [];
    seen.add(key);
    const parent = parentOf.get(key);
    if (parent !== undefined) return [...chainOf(parent, seen), parent];
    return wordnetPathOf(key).filter((w) => familiarCategories.has(w) && w !== key);
  };
  const roots: TagTreeNode[] = [];
  const nodes = new Map<string, TagTreeNode>();
  const nodeFor = (name: string, under: TagTreeNode[]): TagTreeNode => {
    const key = fold(name);
    let node = nodes.get(key);
    if (!node) {
      const count = countOf.get(key);
      node = { name, count: count ?? null, kind: count === undefined ? 'category' : 'tag', userParent: parentOf.get(key) ?? null, own: ownTags.has(key), children: [] };
      nodes.set(key, node);
      under.push(node);
    }
    return node;
  };
  for (const tag of tags) {
    let level = roots;
    for (const category of chainOf(tag.name)) level = nodeFor(category, level).children;
    nodeFor(tag.name, level);
  }
  const sort = (list: TagTreeNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
