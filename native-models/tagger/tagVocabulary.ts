import { sceneVocabulary } from '../scenes/sceneVocabulary.js';
import { objectVocabulary } from './vocabulary.js';
import type { VocabularyEntry } from './vocabulary.js';

/** Every tag the shipped models can produce, objects then scenes, with the words search should resolve to them. */
export const tagVocabulary: readonly VocabularyEntry[] = [...objectVocabulary, ...sceneVocabulary];
