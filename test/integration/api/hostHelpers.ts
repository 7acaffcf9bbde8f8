import type { ApiInput, ApiMethod, ApiOutput } from '../../../electron/contract/api.js';
import type { ApiError } from '../../../electron/contract/result.js';
import type { LibraryStatusView } from '../../../electron/contract/views.js';
import type { Result } from '../../../electron/contract/result.js';

/** A LibraryHost, or anything that answers the contract as one does (LibraryRuntime). */
interface ApiHost {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

/** Calls the host through the contract and returns the value, failing the test with the error's message. */
export async function callOk<M extends ApiMethod>(host: ApiHost, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await host.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

/** Calls a method that must fail and returns its error. */
export async function callError(host: ApiHost, method: string, input: unknown): Promise<ApiError> {
  const result = await host.call(method, input);
  if (result.ok) throw new Error(`${method} was expected to fail but answered ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** Waits, through the API as a UI would, until the indexer has nothing left queued and at least `total` photos. */
export async function waitUntilIndexed(host: ApiHost, total: number, timeoutMs = 120_000): Promise<LibraryStatusView> {
  const started = Date.now();
  for (;;) {
    const status = await callOk(host, 'library.status', {});
    const settled = status.indexer.state === 'watching' || status.indexer.state === 'stopped';
    if (settled && status.photos.queued === 0 && status.photos.total >= total) return status;
    if (status.indexer.state === 'blocked') throw new Error(`the indexer is blocked: ${status.indexer.problem}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${total} indexed photos; last status ${JSON.stringify(status.photos)} ${status.indexer.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
