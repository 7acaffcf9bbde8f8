/**
 * What a reading gives depends on the gate, the word filter and the reading itself: a library reads its photos
 * again when this changes (the text pass's queue is the photos without a reading of this version). 6: images longer
 * than 2:1 are gated at a 320-px short side (long screenshots were read as nothing), and a line that also read as a
 * long unreadable word keeps only its English words.
 */
export const textReaderVersion = 6;
