import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../electron/contract/api.js';
import type { ApiError } from '../../../electron/contract/result.js';
import { useClient, useLibraryEvents } from '../api/ClientContext.js';

export type ChangeReason = 'folders' | 'photos' | 'tags' | 'models' | 'albums';

export interface ApiState<T, I = unknown> {
  value: T | undefined;
  error: ApiError | null;
  /** True until the first answer arrives; a reload keeps showing the previous value meanwhile. */
  loading: boolean;
  /** The input `value` answers (the last one that succeeded), which lags `input` while a request is out or failed. */
  answered: I | null;
  reload(): void;
}

/**
 * One API call, re-run when its input changes or when the library reports a change of a kind in `refreshOn`.
 * Answers that arrive after a newer request was made are dropped, so fast typing never shows stale results.
 * `input` null means "not now".
 */
export function useApi<M extends ApiMethod>(method: M, input: ApiInput<M> | null, refreshOn: readonly ChangeReason[] = []): ApiState<ApiOutput<M>, ApiInput<M>> {
  const client = useClient();
  const [state, setState] = useState<{ value: ApiOutput<M> | undefined; error: ApiError | null; loading: boolean; answered: ApiInput<M> | null }>({
    value: undefined,
    error: null,
    loading: input !== null,
    answered: null,
  });
  const key = input === null ? null : JSON.stringify(input);
  const request = useRef(0);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const id = ++request.current;
    const sent = JSON.parse(key) as ApiInput<M>;
    void client.call(method, sent).then((result) => {
      if (id !== request.current) return;
      setState(result.ok ? { value: result.value, error: null, loading: false, answered: sent } : (s) => ({ ...s, error: result.error, loading: false }));
    });
  }, [client, method, key, generation]);

  const reasons = refreshOn.join(',');
  useLibraryEvents((event) => {
    if (event.type === 'library-changed' && reasons.split(',').includes(event.reason)) setGeneration((g) => g + 1);
  });

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
