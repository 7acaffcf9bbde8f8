/** A release step: closing a database, stopping a loop, terminating workers. */
export type Release = () => void | Promise<void>;

/** Several releases failed at once: each one's error, in the order they ran. */
export class ReleaseErrors extends AggregateError {
  constructor(errors: readonly unknown[]) {
    super(errors, `${errors.length} resources failed to close: ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ')}`);
    this.name = 'ReleaseErrors';
  }
}

/**
 * The owner of several resources, releasing them in the reverse order they were taken (as a `finally` chain
 * would, and as TC39's AsyncDisposableStack, which Node 20 lacks, does): a release that throws does not stop the
 * others, so one stuck part cannot keep the database or the workers open. Errors are collected and rethrown
 * together once everything ran. Disposing twice waits for the first.
 */
export class AsyncDisposables {
  private readonly releases: Release[] = [];
  private disposing: Promise<void> | null = null;

  get disposed(): boolean {
    return this.disposing !== null;
  }

  /** Takes on `release`, to run before every release deferred earlier. */
  defer(release: Release): void {
    // A resource taken after its owner closed would never be released: that is a bug in the caller.
    if (this.disposing) throw new Error('cannot take on a resource after its owner was closed');
    this.releases.push(release);
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const errors: unknown[] = [];
      for (const release of this.releases.splice(0).reverse()) {
        try {
          await release();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new ReleaseErrors(errors);
    })();
    return this.disposing;
  }
}
