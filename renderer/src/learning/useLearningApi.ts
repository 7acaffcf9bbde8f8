import { useEffect } from 'react';
import type { ApiInput, ApiOutput, LearningApiMethod } from '../../../electron/contract/api.js';
import { useApi, type ApiState } from '../hooks/useApi.js';

/**
 * One learning call: re-run when its input changes, when tags change in the library (a head went live), and
 * every `pollMs` while a screen follows a run in progress.
 */
export function useLearningApi<M extends LearningApiMethod>(method: M, input: ApiInput<M> | null, pollMs: number | null = null): ApiState<ApiOutput<M>> {
  const state = useApi(method, input, ['tags']);
  const { reload } = state;
  useEffect(() => {
    if (pollMs === null) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, reload]);
  return state;
}
