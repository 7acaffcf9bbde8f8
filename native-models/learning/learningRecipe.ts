import { fusionModels } from '../tagger/fusionWeights.js';
import type { ClassSharingRule } from './features.js';
import type { EstimatedF1Rule } from './libraryThreshold.js';

/**
 * How heads are trained. Every number was chosen on scenes `dev` (new tags: teach from k dev photos, measure
 * on the other dev photos, 3 draws) and coco `dev` (corrections: simulated fixes of the model's mistakes), never
 * on `test`; see test/eval/eval-teach.ts for the honest figures.
 */
export interface LearningRecipe {
  newTag: {
    /**
     * Total weight of each kind of row: the user's examples and rejections count most, unlabeled photos least
     * (`unlabeled` is their floor; they fill up to `negativeBalance` when there are few other negatives — dev:
     * implicit 0.5 + unlabeled 0.5 beat 0.5 + 0.2 by 0.01 F1 — scaled down below `unlabeledFullAt` of them).
     * `sibling`: the examples of the user's other new tags that never share a photo with this one's (see
     * collectExamples). Scenes dev, six tags taught, F1 on dev photos nobody taught (5/10/20 shots): none
     * 0.58/0.71/0.70; 0.5 → 0.68/0.72/0.68 (each at its best threshold), 1 → 0.64/0.75/0.72, 2 → 0.64/0.77/0.72
     * (threshold 0.4), 4 → 0.70/0.77/0.67 (best at 0.3). The stronger they are, the lower the best threshold.
     */
    groupTotals: { userPositive: number; userNegative: number; implicit: number; sibling: number; unlabeled: number; pseudo: number; negativeBalance: number; unlabeledFullAt: number };
    /** L2 on the standardised weights: 1 kept 10-shot heads from memorising their examples (0.1 lost 0.05 F1). */
    l2: number;
    /**
     * L2 for a tag taught from examples alone (no rejection, no other tag's examples): stronger on the 720
     * embedding channels, weaker on the 80 class scores, so that a concept spanning several detector classes
     * ("vehicle": cars, buses, boats…) is read from them. Dev (tune-teach-threshold.ts, 12 concepts, corrected
     * F1, two draw seeds), against L2 1 everywhere: 5 shots precision 0.822 / 0.81 → 0.788 / 0.80 and F1 0.531 /
     * 0.496 → 0.660 / 0.619; 10 shots F1 0.722 / 0.693 → 0.743 / 0.727 (with the estimated-F1 threshold; the
     * strict one gives 0.749 / 0.735 with it, the same within the draws' noise). 10 / 1 did less (5-shot
     * precision 0.73). With the user's "no"s it cost scenes dev 0.02 10-shot F1 (0.753 → 0.731: scenes are not
     * detector classes, and look-alike scenes are told apart by the embedding), so those keep `l2`; so do tags
     * whose examples the detector mostly sees nothing in (fewer than `share` with a class score ≥ `classScore`,
     * the 'fast' tag threshold): five forest examples in a library of landscapes leaning on the class scores
     * suggested 31 % forests instead of over half (teachAndRetrain.test.ts). Those figures are for the class-score
     * L2 on every examples-only tag; with the landscape exception: 5 shots precision 0.807 / 0.82, F1 0.626 /
     * 0.603; 10 shots F1 0.747 / 0.722.
     */
    examplesOnlyL2: { embedding: number; scores: number; classScore: number; share: number } | null;
    /**
     * For those same examples-only tags leaning on the class scores: what the head learns on one detector class
     * is shared with the classes related to it in this library (features.ts, classSharingMatrix: each smoothed
     * class-score feature is half its own and half its 3 most correlated classes', by the scores of the library's
     * photos, no labels), so ten *sport* examples showing tennis and skis also reach balls, bats and snowboards.
     * Dev (tune-teach-threshold.ts, 12 concepts, corrected F1, 5 draws, draw seeds 99 / 4242), against none:
     * 5 shots precision 0.807 / 0.806 → 0.786 / 0.791, F1 0.626 / 0.615 → 0.643 / 0.657; 10 shots F1 0.747 /
     * 0.718 → 0.759 / 0.730. With 3 draws, the other settings (seed 99; 10-shot F1 against 0.746, 5-shot
     * precision against 0.821): scores 0.3 0.752 / 0.802, scores 0.5 with 5 neighbours 0.757 / 0.803; on seed
     * 4242 (against 0.743) scores 0.5 0.733 — the gain is about the draws' noise at 3 draws, steady at 5.
     */
    classSharing: ClassSharingRule | null;
    /**
     * For those same examples-only tags: when the tag's name covers detector classes by the app's WordNet
     * hierarchy ("vehicle" → car, boat…; electron/core/learning/namePrior.ts), the head is started at and pulled
     * towards `weight` on each of those standardised class scores (the class-score L2 is the pull). Null: off.
     * Dev (tune-teach-threshold.ts, 12 concepts of which vehicle, food, animal and tableware have such a name,
     * corrected F1, 5 draws, seed 99), against no prior (`--unnamed`, the same as before it): 5 shots precision
     * 0.786 → 0.759, F1 0.643 → 0.696; 10 shots F1 0.759 → 0.792 (its precision 0.724 → 0.776: vehicle 0.58 →
     * 0.67, food 0.55 → 0.70, animal 0.49 → 0.67, tableware 0.73 → 0.87). Weight 0.1: 0.743 / 0.681 / 0.780;
     * 1: 0.764 / 0.696 / 0.777.
     */
    namePrior: { weight: number } | null;
    learningRate: number;
    batchSize: number;
    steps: number;
    minEpochs: number;
    maxEpochs: number;
    /**
     * With balanced group weights, 0.5 was the best fixed threshold on dev (0.4–0.6 within 0.03 F1); with
     * sibling negatives at 2, 0.4 (10 shots: 0.3 0.73, 0.4 0.77, 0.5 0.72). Tried and not kept (scenes dev, 10
     * shots): a per-tag threshold from 4-fold out-of-fold F1 on the labelled rows (0.74–0.75, +0.03 at 5 shots
     * but four more trainings per tag), embedding-only features (±0), one common spread for the embedding
     * channels (0.76, worse with less L2), L2 0.3 or 3 (0.75, 0.74), unlabeled total 1 (0.72).
     */
    threshold: number;
    /** Unlabeled library photos sampled as weak negatives (dev libraries had ~470; more only costs time). */
    unlabeledSample: number;
    /**
     * The threshold chosen for the library (libraryThreshold.ts), from the examples' out-of-fold scores (`folds`
     * heads, each trained without a share of the examples) against the sampled library photos' scores, never
     * below `floor`. Used from `minPositives` examples. Tuned on the concept eval's dev photos
     * (`npx tsx test/eval/tune-teach-threshold.ts --library <saved> --draws 3`, 5 concepts × 3 draws; mean
     * precision at 5 shots / mean F1 at 10 shots on the dev photos not taught): fixed 0.4 0.750 / 0.450, this
     * rule (all examples kept, floor 0.4) 0.750 / 0.457, keeping 60 % 0.728 / 0.439, floor 0.3 0.626 / 0.471.
     * Where a head over-calls it is what holds precision: with L2 3, fixed 0.4 0.605 / 0.420 against the rule's
     * 0.605 / 0.459 (60 %: 0.656 / 0.500); with unlabelled photos at half weight, 0.416 → 0.479 at 10 shots.
     * (Those figures are from the script's first version: five concepts, F1 on the untaught dev photos as they are.)
     */
    libraryThreshold: {
      minRecall: number;
      smoothing: number;
      floor: number;
      folds: number;
      minPositives: number;
      /**
       * From `from` examples, when the user gave no "no" (trainTagHead), the threshold with the best estimated
       * F1 in the library instead (libraryThreshold.ts, chooseEstimatedF1Threshold). Tuned on dev only
       * (tune-teach-threshold.ts: the eval's five concepts and seven more defined on coco and scenes labels, so
       * that enough of each stays untaught on dev; F1 also counted with the untaught photos' positives scaled
       * back to the concept's dev count, since teaching ten of thirteen *sport* photos leaves dev far rarer in it
       * than the library). 10 shots, corrected mean F1 over two draw seeds: the strict rule 0.705 / 0.655, this
       * 0.722 / 0.693; floors 0.25 / 0.15 about the same F1 with less precision. At 5 shots every relaxed rule
       * lost 0.1–0.25 precision, hence `from` 8. See the README's concept eval for the rest.
       * `classFolds`: for this rule the examples are dealt into folds by their main detector class (trainTagHead,
       * foldsOf), so the out-of-fold scores read the tag's photos of classes the examples do not show. Dev
       * (12 concepts, corrected 10-shot F1; seed 99 with 5 and 10 shots / seed 99 10 only / seed 4242 10 only):
       * 0.792 / 0.764 / 0.763 → 0.785 / 0.764 / 0.768, a tie; the eval's five 0.818 / 0.797 / 0.764 → 0.831 /
       * 0.802 / 0.797 (sport recall up at the same precision, gadget precision down). Test (measured once): 10
       * shots F1 0.723 → 0.733 (sport 0.43 → 0.48); 5 shots unchanged (fewer than `from` examples).
       * `negativeBalance`: for such a tag, what the unlabelled photos fill the negatives up to, in place of
       * `groupTotals.negativeBalance` (rowWeights). They are weak "no"s that include the tag's own photos of what
       * the examples do not show; lighter, the head reaches them, and the threshold read from the library cuts
       * back the look-alikes it lets through (the strict rule below `from` cannot: at 0.5 for every tag, 5-shot
       * dev precision 0.759 / 0.742 → 0.656 / 0.635). Dev (12 concepts, corrected 10-shot F1, draw seeds 99 /
       * 4242 / 7), 1 → 0.5: 0.764 / 0.768 / 0.757 → 0.769 / 0.776 / 0.778 (the eval's five 0.802 / 0.797 / 0.751
       * → 0.834 / 0.833 / 0.824); 0.3 0.752 / 0.762, 0.4 0.755 / 0.779, 0.6 0.765 / 0.773, 0.7 0.763 / 0.774.
       * Test (measured once): 10 shots F1 0.733 → 0.755; 5 shots unchanged.
       */
      manyExamples: ({ from: number; classFolds: { classScore: number } | null; negativeBalance: number } & EstimatedF1Rule) | null;
    } | null;
  };
  /**
   * Measured on coco `dev` alone: 5 random halvings, each half corrected and the other half measured
   * (`npm run eval:teach -- --profile accurate --coco-only --split dev`), mean micro-F1 lift over the model:
   * this recipe +0.0054 (9 of 10 halves up; the sd of one half's lift is 0.005). Tried and not kept, as none is
   * more than the noise apart: L2 on the model's logit and bias 1 (+0.0034), embedding L2 100 / 10 (+0.0053 /
   * +0.0043), score L2 10 (+0.0056), pseudo-labels 0 / 0.3 (+0.0041 / +0.0040), 3-fold checks from 3 labels
   * (+0.0057), and letting a correction head that ties the model go live (+0.0037).
   */
  correction: {
    /** Weight per row: corrections and what reviewed photos show are equally true; pseudo-labels much less. */
    weights: { user: number; implicit: number; unlabeled: number; pseudo: number; sibling: number };
    /**
     * L2 towards the model: strong on the 720 embedding weights (a hundred reviewed photos cannot support them),
     * moderate on the 80 class scores (co-occurrence: cups and forks say "table"), weak on the model's own logit
     * and the bias, which is where most corrections live (a class the model over- or under-calls).
     */
    l2: { embedding: number; scores: number; base: number; bias: number };
    learningRate: number;
    batchSize: number;
    steps: number;
    minEpochs: number;
    maxEpochs: number;
    /** The analyzer's own threshold when the caller does not say: the 'fast' profile's, from the generated fusion file. */
    defaultThreshold: number;
    /** Confident unlabeled photos taken as pseudo-labels, at most. */
    pseudoSample: number;
    pseudoHigh: number;
    pseudoLow: number;
  };
  /**
   * Labels held out to judge a new head (stable per photo and tag), when a tag has enough of them: below 12
   * positives, holding 30 % out cost a 10-example tag 0.1 F1 on scenes dev, more than a bad swap could.
   */
  holdout: { fraction: number; minPositives: number; minNegatives: number };
  /**
   * Below the hold-out's minimum, a correction head is judged out-of-fold over all its labels instead, so a tag
   * the user corrected a dozen times can already change (a 30 % hold-out of 12 labels decides nothing).
   */
  crossValidation: { folds: number; minPositives: number; minNegatives: number };
  /** A correction head is trained once its tag has this many user verdicts. */
  minCorrections: number;
  /** A new tag is trained once it has this many examples. */
  minExamples: number;
}

export const learningRecipe: LearningRecipe = {
  newTag: {
    groupTotals: { userPositive: 1, userNegative: 1, implicit: 0.5, sibling: 2, unlabeled: 0.2, pseudo: 0.1, negativeBalance: 1, unlabeledFullAt: 200 },
    l2: 1,
    examplesOnlyL2: { embedding: 3, scores: 0.3, classScore: 0.24, share: 0.5 },
    classSharing: { weight: 0.5, neighbours: 3, rows: 5000 },
    namePrior: { weight: 0.3 },
    learningRate: 0.05,
    // Full-batch up to a thousand rows: few-shot sets are small, and whole-set steps were steadier on dev.
    batchSize: 1024,
    steps: 100,
    minEpochs: 20,
    maxEpochs: 100,
    threshold: 0.4,
    unlabeledSample: 600,
    libraryThreshold: { minRecall: 1, smoothing: 5, floor: 0.4, folds: 5, minPositives: 3, manyExamples: { from: 8, floor: 0.3, ceiling: 0.7, prevalenceRecall: 0.7, minSpread: 1, classFolds: { classScore: 0.24 }, negativeBalance: 0.5 } },
  },
  correction: {
    weights: { user: 1, implicit: 1, unlabeled: 0, pseudo: 0.1, sibling: 0 },
    l2: { embedding: 30, scores: 3, base: 0.1, bias: 0.1 },
    learningRate: 0.02,
    batchSize: 512,
    steps: 100,
    minEpochs: 20,
    maxEpochs: 100,
    defaultThreshold: fusionModels.fast.threshold,
    pseudoSample: 200,
    pseudoHigh: 0.8,
    pseudoLow: 0.02,
  },
  holdout: { fraction: 0.3, minPositives: 12, minNegatives: 8 },
  crossValidation: { folds: 4, minPositives: 4, minNegatives: 4 },
  minCorrections: 3,
  minExamples: 2,
};
