/** The per-class evidence the fusion model weighs, each a detector's image-level score as a logit. */
export type FusionFeature = 'centernet' | 'centernetFlip' | 'centernetTiles' | 'nanodet' | 'yolo';

/**
 * A class-agnostic logistic regression over the detectors' logits: one weight per evidence source, shared by all
 * 80 classes, fitted on coco `dev` by test/eval/tune-tags.ts. Sharing the weights across classes is what keeps
 * 114 training photos from overfitting, and the logistic fit doubles as the calibration (0.7 ≈ 70 %).
 */
export interface FusionModel {
  features: readonly FusionFeature[];
  weights: readonly number[];
  bias: number;
  /** Confidence at or above which a tag is reported; the micro-F1 optimum on dev (cross-validated). */
  threshold: number;
}

/** A detector's probability as a logit, clamped so that 0 and 1 stay finite; the fusion's (and its fit's) input. */
export function scoreLogit(p: number): number {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
}

/** The weights and bias of a fusion, without the features' names: what tune-tags.ts fits. */
export type FusionLinear = Pick<FusionModel, 'weights' | 'bias'>;

/**
 * The fusion itself over sources given in the weights' order: the one implementation, shared by the tagger and by
 * the tuning that fits the weights (test/eval/lib/fusionFit.ts), so what is tuned is what ships.
 */
export function fuseSources(model: FusionLinear, sources: readonly ArrayLike<number>[], classes: number): Float32Array {
  const out = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    let z = model.bias;
    sources.forEach((scores, k) => {
      z += (model.weights[k] as number) * scoreLogit(scores[c] as number);
    });
    out[c] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/** Combines per-class detector scores (probabilities, COCO order) into calibrated confidences. */
export function fuseScores(model: FusionModel, evidence: Readonly<Partial<Record<FusionFeature, ArrayLike<number>>>>, classes: number): Float32Array {
  const sources = model.features.map((feature) => {
    const scores = evidence[feature];
    if (!scores) throw new Error(`fusion needs '${feature}' scores, which were not computed`);
    return scores;
  });
  return fuseSources(model, sources, classes);
}
