import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../electron/contract/api.js';
import type { ApiError } from '../../../electron/contract/result.js';
import { useClient, useLibraryEvents } from '../api/ClientContext.js';

export type ChangeReason = 'folders' | 'photos' | 'tags' | 'models';

export interface ApiState<T> {
  value: T | undefined;
  error: ApiError | null;
  /** True until the first answer arrives; a reload keeps showing the previous value meanwhile. */
  loading: boolean;
  reload(): void;
}

/**
 * One API call, re-run when its input changes or when the library reports a change of a kind in `refreshOn`.
 * Answers that arrive after a newer request was made are dropped, so fast typing never shows stale results.
 * `input` null means "not now".
 */
export function useApi<M extends ApiMethod>(method: M, input: ApiInput<M> | null, refreshOn: readonly ChangeReason[] = []): ApiState<ApiOutput<M>> {
  const client = useClient();
  const [state, setState] = useState<{ value: ApiOutput<M> | undefined; error: ApiError | null; loading: boolean }>({ value: undefined, error: null, loading: input !== null });
  const key = input === null ? null : JSON.stringify(input);
  const request = useRef(0);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const id = ++request.current;
    void client.call(method, JSON.parse(key) as ApiInput<M>).then((result) => {
      if (id !== request.current) return;
      setState(result.ok ? { value: result.value, error: null, loading: false } : (s) => ({ value: s.value, error: result.error, loading: false }));
    });
  }, [client, method, key, generation]);

  const reasons = refreshOn.join(',');
  useLibraryEvents((event) => {
    if (event.type === 'library-changed' && reasons.split(',').includes(event.reason)) setGeneration((g) => g + 1);
  });

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
