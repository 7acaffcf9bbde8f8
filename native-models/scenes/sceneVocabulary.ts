import type { VocabularyEntry } from '../tagger/vocabulary.js';

/**
 * The scene tags the shipped head knows: the six Intel scene classes it was trained on (scenes `dev`) plus
 * 'indoor' and 'outdoor', learnt from coco `dev` photos whose objects only occur indoors or only outdoors.
 * Synonyms cover what people type.
 */
export const sceneVocabulary: readonly VocabularyEntry[] = [
  { name: 'buildings', kind: 'scene', synonyms: ['building', 'architecture', 'city'] },
  { name: 'forest', kind: 'scene', synonyms: ['woods', 'woodland', 'trees'] },
  { name: 'glacier', kind: 'scene', synonyms: ['snow', 'ice', 'snowy'] },
  { name: 'mountain', kind: 'scene', synonyms: ['mountains', 'hills', 'landscape'] },
  { name: 'sea', kind: 'scene', synonyms: ['ocean', 'coast', 'beach', 'seaside'] },
  { name: 'street', kind: 'scene', synonyms: ['road', 'streets'] },
  { name: 'indoor', kind: 'scene', synonyms: ['indoors', 'inside', 'interior', 'room'] },
  { name: 'outdoor', kind: 'scene', synonyms: ['outdoors', 'outside', 'open air'] },
];
