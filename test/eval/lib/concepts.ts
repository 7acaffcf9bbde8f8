/** The concept eval's concepts (eval-teach.ts --concepts): what each means in the coco and scenes labels. */
export const conceptDefinitions: Record<string, { coco: readonly string[]; scenes: readonly string[] }> = {
  pet: { coco: ['cat', 'dog'], scenes: [] },
  vehicle: { coco: ['bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat'], scenes: [] },
  food: { coco: ['banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake'], scenes: [] },
  sport: { coco: ['sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'skis', 'snowboard', 'frisbee'], scenes: [] },
  nature: { coco: [], scenes: ['forest', 'mountain', 'glacier', 'sea'] },
};

/**
 * More concepts for tuning on `dev` alone (test/eval/tune-teach-threshold.ts): the five above leave too few dev
 * photos untaught at ten examples (dev has 9 pets, 12 food and 13 sport photos), so these add broad concepts with
 * enough of them on dev. Never measured on `test`.
 */
export const tuningConceptDefinitions: Record<string, { coco: readonly string[]; scenes: readonly string[] }> = {
  ...conceptDefinitions,
  animal: { coco: ['bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe'], scenes: [] },
  kitchen: { coco: ['sink', 'oven', 'refrigerator', 'microwave', 'toaster'], scenes: [] },
  tableware: { coco: ['cup', 'bowl', 'fork', 'knife', 'spoon', 'wine glass'], scenes: [] },
  gadget: { coco: ['tv', 'laptop', 'cell phone', 'mouse', 'remote', 'keyboard'], scenes: [] },
  city: { coco: [], scenes: ['buildings', 'street'] },
  woods: { coco: [], scenes: ['forest'] },
  water: { coco: [], scenes: ['sea', 'glacier'] },
};
