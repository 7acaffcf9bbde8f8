import fs from 'node:fs';
import path from 'node:path';

export type SplitName = 'dev' | 'test' | 'all';

export interface LabelledImage {
  file: string;
  path: string;
  labels: string[];
  cocoSplit?: string;
}

/** A folder with images/ and labels.json ({file: [names]}), optionally split.json and meta.json. */
export function readTagDataset(dir: string, split: SplitName): LabelledImage[] {
  const read = <T>(name: string): T | undefined => {
    const file = path.join(dir, name);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
  };
  const labels = read<Record<string, string[]>>('labels.json');
  if (!labels) throw new Error(`${dir} has no labels.json`);
  const splits = read<Record<string, string[]>>('split.json');
  const meta = read<Record<string, { coco_split?: string }>>('meta.json');
  let files = Object.keys(labels).sort();
  if (split !== 'all') {
    const chosen = splits?.[split];
    if (!chosen) throw new Error(`${dir} has no split.json with a '${split}' list`);
    files = [...chosen].sort();
  }
  return files.map((file) => {
    const image: LabelledImage = { file, path: path.join(dir, 'images', file), labels: labels[file] ?? [] };
    const cocoSplit = meta?.[file]?.coco_split;
    if (cocoSplit) image.cocoSplit = cocoSplit;
    return image;
  });
}
