import { describe, expect, it } from 'vitest';
import { AsyncDisposables, ReleaseErrors } from '../../../electron/core/lifecycle/AsyncDisposables.js';

describe('AsyncDisposables', () => {
  it('releases in reverse order, every one even when some throw, then throws their errors together', async () => {
    const released: string[] = [];
    const stack = new AsyncDisposables();
    stack.defer(() => void released.push('database'));
    stack.defer(() => {
      released.push('learning');
      throw new Error('the training worker did not stop');
    });
    stack.defer(async () => {
      released.push('indexer');
      await Promise.reject(new Error('the watcher did not close'));
    });
    const error = await stack.dispose().then(
      () => null,
      (e: unknown) => e,
    );
    expect(released).toEqual(['indexer', 'learning', 'database']);
    expect(error).toBeInstanceOf(ReleaseErrors);
    expect((error as ReleaseErrors).errors.map((e: Error) => e.message)).toEqual(['the watcher did not close', 'the training worker did not stop']);
    expect((error as Error).message).toMatch(/2 resources failed to close: the watcher did not close; the training worker did not stop/);
  });

  it('rethrows a single failure as it is, releases once however often disposed, and refuses late resources', async () => {
    let closes = 0;
    const stack = new AsyncDisposables();
    stack.defer(() => void closes++);
    stack.defer(() => {
      throw new RangeError('one part failed');
    });
    const first = stack.dispose();
    await expect(first).rejects.toBeInstanceOf(RangeError);
    await expect(stack.dispose()).rejects.toBeInstanceOf(RangeError);
    expect(closes).toBe(1);
    expect(stack.disposed).toBe(true);
    expect(() => stack.defer(() => undefined)).toThrow(/after its owner was closed/);
  });
});
