import type { ApiEvent } from '../../contract/api.js';

/**
 * The subscribers to a library's events. A subscriber that throws (a closed window) is reported to `onError` and
 * does not stop the others, nor whoever emitted the event (the indexer).
 */
export class ApiEventFanout {
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  constructor(private readonly onError: (error: Error) => void) {}

  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onError(error as Error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
