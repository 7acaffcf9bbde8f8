/**
 * Whether a COCO-labelled photo is clearly indoors: it shows an object that lives indoors and nothing that lives
 * outdoors. Used only to give the scene head 'indoor' and 'outdoor' examples from coco dev, since no indoor/outdoor
 * scene set was to be had.
 */
const indoorOnly = new Set(['bed', 'couch', 'toilet', 'tv', 'laptop', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'vase', 'teddy bear', 'hair drier', 'toothbrush', 'keyboard', 'mouse', 'remote']);
const outdoorOnly = new Set([
  'car', 'bus', 'truck', 'train', 'airplane', 'boat', 'motorcycle', 'bicycle', 'traffic light', 'fire hydrant', 'stop sign', 'parking meter', 'bench',
  'bird', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'kite', 'skis', 'snowboard', 'surfboard', 'skateboard', 'umbrella',
]);

export function isClearlyIndoor(labels: readonly string[]): boolean {
  return labels.some((l) => indoorOnly.has(l)) && !labels.some((l) => outdoorOnly.has(l));
}

/** The converse, for 'outdoor' examples: without them the head learns "a COCO snapshot of people" as 'indoor'. */
export function isClearlyOutdoor(labels: readonly string[]): boolean {
  return labels.some((l) => outdoorOnly.has(l)) && !labels.some((l) => indoorOnly.has(l));
}
