import type { LearningApiMethod, LearningApiOutputs, LearningApiParsedInput } from '../../contract/api.js';
import type { CorrectionService } from '../library/CorrectionService.js';
import type { LearningService } from '../learning/LearningService.js';
import type { RetrainScheduler } from '../learning/RetrainScheduler.js';
import type { TeachingService } from '../learning/TeachingService.js';
import type { Logger } from '../logging/logger.js';

/** Shaped like ApiHandlers, so spreading these into createApiHandlers type-checks once the contract merges them. */
export type LearningHandlers = { [M in LearningApiMethod]: (input: LearningApiParsedInput<M>) => Promise<LearningApiOutputs[M]> | LearningApiOutputs[M] };

export interface LearningHandlerDeps {
  learning: LearningService;
  teaching: TeachingService;
  scheduler: RetrainScheduler;
  corrections: CorrectionService;
  logger?: Logger;
  /** Tells the UI that tags changed (a head went live, suggestions moved). */
  notifyTags(): void;
}

/**
 * The contract's learning methods, to spread into createApiHandlers. Teaching answers when its tag is trained
 * (about a second); a full retrain starts in the background and is followed through learning.status.
 */
export function createLearningHandlers(deps: LearningHandlerDeps): LearningHandlers {
  const { learning, teaching, scheduler } = deps;
  return {
    'learning.teach': async (input) => {
      const result = await teaching.teach(input.tag, input.photoIds, input.rejectIds);
      deps.notifyTags();
      return result;
    },
    'learning.preview': (input) => teaching.preview(input.tag, input.photoIds, input.sample),
    'learning.suggestions': (input) => teaching.suggestions(input.tag, input.limit),
    'learning.tag': (input) => teaching.tagPage(input.tag),
    'learning.tags': () => teaching.learnedTags(),
    'learning.status': () => scheduler.status(),
    'learning.retrain': (input) => {
      scheduler.runNow(input.tags).catch((error: Error) => deps.logger?.error({ err: error.message }, 'retraining failed'));
      return { started: true };
    },
    'learning.cancel': () => ({ cancelled: scheduler.cancel() }),
    'learning.runs': (input) => learning.runs(input.limit),
    'learning.run': (input) => learning.runView(input.id),
    'learning.rollback': async (input) => {
      const summary = await learning.rollback(input.tag, input.version);
      const page = teaching.tagPage(input.tag);
      deps.notifyTags();
      return { tag: page.name, activeVersion: page.activeVersion, added: summary.added, removed: summary.removed, ms: summary.totalMs };
    },
    'photos.similar': (input) => teaching.similar(input.id, input.limit),
  };
}
