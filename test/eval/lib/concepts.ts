/** The concept eval's concepts (eval-teach.ts --concepts): what each means in the coco and scenes labels. */
export const conceptDefinitions: Record<string, { coco: readonly string[]; scenes: readonly string[] }> = {
  pet: { coco: ['cat', 'dog'], scenes: [] },
  vehicle: { coco: ['bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat'], scenes: [] },
  food: { coco: ['banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake'], scenes: [] },
  sport: { coco: ['sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'skis', 'snowboard', 'frisbee'], scenes: [] },
  nature: { coco: [], scenes: ['forest', 'mountain', 'glacier', 'sea'] },
};
