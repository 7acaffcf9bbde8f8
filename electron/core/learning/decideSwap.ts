import type { TagTrainingResult } from '../../../native-models/learning/trainTagHead.js';

export interface SwapDecision {
  swap: boolean;
  reason: string;
}

/**
 * Whether a freshly trained head goes live. The rule is "not worse on labels it never saw": F1 on the held-out
 * labels (or, for a correction with too few to hold a share out, out-of-fold over all of them) at least the live
 * model's. A correction head must beat the model outright (a tie keeps the model, which has been right on far
 * more photos than these). With too few labels for either, a new tag takes its newest head (the user is still
 * teaching it) and a model tag keeps the model.
 */
export function decideSwap(result: TagTrainingResult, hasLiveHead: boolean): SwapDecision {
  if (result.stopped) return { swap: false, reason: 'training was cancelled' };
  const { evaluation } = result;
  const after = evaluation.after.f1;
  const before = evaluation.before?.f1 ?? null;
  const f = (v: number) => v.toFixed(3);
  const unseen = evaluation.on === 'cross-validated' ? 'labels it never saw (out-of-fold)' : 'held-out labels';
  if (evaluation.on === 'training') {
    if (result.kind === 'new-tag') return { swap: true, reason: hasLiveHead ? 'too few labels to hold any out yet: the newest examples win' : 'first head for this tag' };
    return { swap: false, reason: 'too few corrections to check a new head against the model yet; the model stays' };
  }
  if (before === null) return { swap: true, reason: `first head for this tag (F1 ${f(after)} on ${unseen})` };
  if (result.kind === 'correction' && !hasLiveHead) {
    return after > before
      ? { swap: true, reason: `beats the model on ${unseen} (F1 ${f(before)} → ${f(after)})` }
      : { swap: false, reason: `does not beat the model on ${unseen} (F1 ${f(before)} vs ${f(after)}); the model stays` };
  }
  return after >= before
    ? { swap: true, reason: `not worse than the live head on ${unseen} (F1 ${f(before)} → ${f(after)})` }
    : { swap: false, reason: `worse than the live head on ${unseen} (F1 ${f(before)} vs ${f(after)}); the live head stays` };
}
