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
