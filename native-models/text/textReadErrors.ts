/**
 * The reading was given up because its caller withdrew it (the index got work); nothing of it is kept. Thrown by
 * TextReader and, for a reading in its thread, by TextReaderThread; the text pass looks for it by name.
 */
export class TextReadWithdrawnError extends Error {
  constructor() {
    super('the text reading was withdrawn');
    this.name = 'TextReadWithdrawnError';
  }
}
