import type { SidecarFacts } from '../../../db/repositories/SidecarRepository.js';
import type { SidecarTags } from '../adapters/exifTool.js';
import { keywordLeaf, keywordSeparator } from '../imaging/keywords.js';

/** What Phototag puts in a photo's sidecar, remembered after each write to merge the next one with others' edits. */
export interface SidecarContent {
  /** Keyword paths ('Places|Italy|Florence', 'dog', 'People|Alice Smith'). */
  keywords: string[];
  description: string | null;
  place: SidecarFacts['place'];
}

/** Named people go under one parent, as Lightroom and digiKam keep them. */
export const peopleKeyword = 'People';

const lower = (s: string) => s.toLocaleLowerCase();

/**
 * The sidecar content a photo's facts call for: each accepted tag as the keyword path it came in with (a file's
 * 'Places|Italy|Florence' stays whole) or as itself, each named person under People, the caption and the place.
 */
export function sidecarContentOf(facts: SidecarFacts): SidecarContent {
  const paths = new Map<string, string>();
  for (const name of facts.accepted) {
    const path = facts.keywordPaths.find((p) => lower(keywordLeaf(p)) === lower(name)) ?? name;
    paths.set(lower(path), path);
  }
  for (const person of facts.people) {
    const path = `${peopleKeyword}${keywordSeparator}${person}`;
    paths.set(lower(path), path);
  }
  const place = facts.place && (facts.place.town || facts.place.country) ? facts.place : null;
  return { keywords: [...paths.values()].sort((a, b) => a.localeCompare(b)), description: facts.caption, place };
}

/**
 * The keywords a sidecar ends up with: what it holds now, less what Phototag wrote there last time (it may have
 * changed its mind since) and what the user rejected in Phototag, plus what Phototag says now. Another app's
 * keywords stay, so a sidecar edited elsewhere is merged, not overwritten.
 */
export function mergeKeywords(inSidecar: readonly string[], lastWritten: readonly string[], rejected: readonly string[], ours: readonly string[]): string[] {
  const dropped = new Set([...lastWritten.map(lower)]);
  const rejectedLeaves = new Set(rejected.map(lower));
  const merged = new Map<string, string>();
  for (const path of inSidecar) {
    if (dropped.has(lower(path)) || rejectedLeaves.has(lower(keywordLeaf(path)))) continue;
    merged.set(lower(path), path);
  }
  for (const path of ours) merged.set(lower(path), path);
  return [...merged.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * The description to write: Phototag's caption, unless another app wrote its own since Phototag last wrote (then
 * theirs stays); null leaves the sidecar's as it is.
 */
export function mergeDescription(inSidecar: string | null, lastWritten: string | null, ours: string | null): string | null {
  if (ours === null) return null;
  if (inSidecar !== null && inSidecar !== lastWritten && inSidecar !== ours) return null;
  return ours;
}

/** The three keyword lists apps read: flat leaves (dc:subject), Lightroom's '|' paths and digiKam's '/' paths. */
export function sidecarTags(keywords: readonly string[], description: string | null, place: SidecarContent['place']): SidecarTags {
  return {
    subject: [...new Set(keywords.map(keywordLeaf))],
    hierarchicalSubject: [...keywords],
    // digiKam separates levels with '/', so a '/' inside a level cannot be kept there as one level.
    tagsList: keywords.map((k) => k.split(keywordSeparator).map((l) => l.replace(/\//g, '-')).join('/')),
    description,
    place,
  };
}
