/**
 * What a reading gives depends on the gate, the word filter and the reading itself: a library reads its photos
 * again when this changes (the text pass's queue is the photos without a reading of this version). 7: English is
 * read by PaddleOCR's PP-OCRv4 models (lines found over the whole photo at any angle) instead of tesseract.
 */
export const textReaderVersion = 7;
