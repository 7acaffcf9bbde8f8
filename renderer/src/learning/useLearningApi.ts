import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiMethod, LearningApiInput, LearningApiMethod, LearningApiOutputs } from '../../../electron/contract/api.js';
import type { ApiError, Result } from '../../../electron/contract/result.js';
import { useClient, useLibraryEvents } from '../api/ClientContext.js';
import type { PhototagClient } from '../api/client.js';

/**
 * Calls a learning method. Until the contract merges learningApiInputs into apiInputs (see electron/contract/api.ts)
 * the client's types do not list them; the transport and dispatcher handle them by name all the same.
 */
export async function callLearning<M extends LearningApiMethod>(client: PhototagClient, method: M, input: LearningApiInput<M>): Promise<Result<LearningApiOutputs[M]>> {
  return (await client.call(method as unknown as ApiMethod, input as never)) as Result<LearningApiOutputs[M]>;
}

export interface LearningState<T> {
  value: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** One learning call, re-run when its input changes or tags change in the library (a head went live). */
export function useLearningApi<M extends LearningApiMethod>(method: M, input: LearningApiInput<M> | null, pollMs: number | null = null): LearningState<LearningApiOutputs[M]> {
  const client = useClient();
  const [state, setState] = useState<{ value: LearningApiOutputs[M] | undefined; error: ApiError | null; loading: boolean }>({ value: undefined, error: null, loading: input !== null });
  const key = input === null ? null : JSON.stringify(input);
  const request = useRef(0);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const id = ++request.current;
    void callLearning(client, method, JSON.parse(key) as LearningApiInput<M>).then((result) => {
      if (id !== request.current) return;
      setState(result.ok ? { value: result.value, error: null, loading: false } : (s) => ({ value: s.value, error: result.error, loading: false }));
    });
  }, [client, method, key, generation]);
  useEffect(() => {
    if (pollMs === null) return;
    const timer = setInterval(() => setGeneration((g) => g + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);
  useLibraryEvents((event) => {
    if (event.type === 'library-changed' && event.reason === 'tags') setGeneration((g) => g + 1);
  });
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
