import { sceneVocabulary } from '../scenes/sceneVocabulary.js';
import { objectVocabulary } from './vocabulary.js';
import type { VocabularyEntry } from './vocabulary.js';

/** Every tag the shipped models can produce, objects (with 'face', from the face detector) then scenes, with the words search should resolve to them. */
export const tagVocabulary: readonly VocabularyEntry[] = [...objectVocabulary, { name: 'face', kind: 'object', synonyms: ['faces'] }, ...sceneVocabulary];
