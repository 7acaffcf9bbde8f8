import { applyLinearHead } from '../heads/linearHead.js';
import type { LinearHead } from '../heads/linearHead.js';

export interface SceneTag {
  name: string;
  confidence: number;
}

/**
 * Scene tags for one photo embedding: the head's labels at or above `minConfidence`. The head is a closed set
 * (it must split its belief among the scenes it knows), so a high bar is what keeps a portrait from becoming 'street'.
 */
export function predictScenes(head: LinearHead | null, embedding: ArrayLike<number>, minConfidence: number): SceneTag[] {
  if (!head) return [];
  return applyLinearHead(head, embedding)
    .filter((s) => s.confidence >= minConfidence)
    .map((s) => ({ name: s.label, confidence: s.confidence }));
}
