import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { LearnedTagSummaryView, SimilarPhotosView, SuggestionView, TaughtTagView, TeachPreviewView, TeachResultView } from '../../contract/views.js';
import type { CorrectionService } from '../library/CorrectionService.js';
import { LibraryError } from '../library/errors.js';
import { photoSummaryView } from '../library/views.js';
import type { LearningService } from './LearningService.js';
import { tagTrainingView } from './learningViews.js';
import { EmbeddingIndex, tagsFromNeighbours } from './similarPhotos.js';

/**
 * The "teach a tag" flow and the per-tag pages: the user names a tag and picks examples (accepted tags, logged as
 * corrections like any other), the tag's head is trained right away, and its best suggestions come back to be
 * confirmed or rejected — which teaches it again.
 */
export class TeachingService {
  private readonly index: EmbeddingIndex;

  constructor(
    private readonly library: LibraryDatabase,
    private readonly corrections: CorrectionService,
    private readonly learning: LearningService,
  ) {
    this.index = new EmbeddingIndex(library);
  }

  /** Adds examples (and rejections) of `tag`, retrains just that tag, and returns its best suggestions. */
  async teach(tag: string, examples: readonly number[], rejections: readonly number[] = [], suggestionLimit = 24): Promise<TeachResultView> {
    const name = tag.trim();
    if (name.length === 0) throw new LibraryError('bad-request', 'Give the tag a name, e.g. phototag teach beach <photo…>');
    // The user's word names the tag, even when it is a synonym of another ("puppy" teaches "puppy", not "dog").
    const canonical = this.library.tags.named(name)?.name ?? name;
    if (examples.length === 0 && rejections.length === 0 && !this.library.tags.resolve(name)) {
      throw new LibraryError('bad-request', `Pick at least one photo that shows "${name}" to teach it.`);
    }
    if (examples.length > 0) this.corrections.correctTags('accept', examples, canonical);
    if (rejections.length > 0) this.corrections.correctTags('reject', rejections, canonical);
    const run = await this.learning.retrain({ trigger: 'teach', tags: [canonical] });
    return { tag: canonical, run, suggestions: this.suggestions(canonical, suggestionLimit) };
  }

  /** What teaching `tag` from `examples` would tag, with a sample, before anything is stored. */
  async preview(tag: string, examples: readonly number[], sampleSize = 12): Promise<TeachPreviewView> {
    const name = tag.trim();
    if (name.length === 0) throw new LibraryError('bad-request', 'Give the tag a name first.');
    const canonical = this.library.tags.named(name)?.name ?? name;
    const result = await this.learning.preview(canonical, examples, sampleSize);
    return {
      tag: canonical,
      count: result.count,
      scored: result.scored,
      problem: result.problem,
      sample: result.sample.flatMap((s) => {
        const row = this.library.photos.byId(s.photoId);
        return row ? [{ photo: photoSummaryView(row, this.library.tags.forPhoto(row.id), this.library.captions.get(row.id)), confidence: s.confidence }] : [];
      }),
    };
  }

  /** The tag's unjudged suggestions, most confident first: the photos to confirm or reject next. */
  suggestions(tag: string, limit: number): SuggestionView[] {
    const resolved = this.requireTag(tag);
    return this.library.learningLabels.rankedSuggestions(resolved.id, limit).flatMap((s) => {
      const row = this.library.photos.byId(s.photoId);
      return row ? [{ photo: photoSummaryView(row, this.library.tags.forPhoto(row.id), this.library.captions.get(row.id)), confidence: s.confidence ?? 0 }] : [];
    });
  }

  /** A tag's page: examples, rejections, head versions, and what every run made of it. */
  tagPage(tag: string, exampleLimit = 48): TaughtTagView {
    const resolved = this.requireTag(tag);
    const verdicts = this.library.learningLabels.verdictsOf(resolved.id);
    const summaries = (ids: number[]) =>
      ids.slice(0, exampleLimit).flatMap((id) => {
        const row = this.library.photos.byId(id);
        return row ? [photoSummaryView(row, this.library.tags.forPhoto(id), this.library.captions.get(id))] : [];
      });
    const accepted = verdicts.filter((v) => v.verdict === 'accepted').map((v) => v.photoId);
    const rejected = verdicts.filter((v) => v.verdict === 'rejected').map((v) => v.photoId);
    const versions = this.library.heads.versions(resolved.id);
    const kind = this.library.tags.forPhoto(accepted[0] ?? rejected[0] ?? -1).find((t) => t.tagId === resolved.id)?.kind ?? this.learning.learningKind(resolved.name);
    return {
      name: resolved.name,
      kind,
      learning: this.learning.learningKind(resolved.name),
      examples: summaries(accepted),
      rejected: summaries(rejected),
      exampleCount: accepted.length,
      rejectedCount: rejected.length,
      suggestedCount: this.library.learningLabels.suggested(resolved.id).length,
      activeVersion: versions.find((v) => v.active)?.version ?? null,
      versions: versions.map((v) => {
        const metrics = v.metrics ? (JSON.parse(v.metrics) as { heldOutF1: number | null }) : null;
        return { version: v.version, kind: v.kind, active: v.active, createdAt: v.createdAt, runId: v.runId, heldOutF1: metrics?.heldOutF1 ?? null };
      }),
      history: this.library.trainingRuns.tagHistory(resolved.id, 20).map(tagTrainingView),
    };
  }

  /** Every tag with a learned head or the user's verdicts, by name. */
  learnedTags(): LearnedTagSummaryView[] {
    const byTag = new Map<number, { name: string; examples: number; rejected: number }>();
    for (const v of this.library.learningLabels.verdicts()) {
      const entry = byTag.get(v.tagId) ?? { name: v.tagName, examples: 0, rejected: 0 };
      if (v.verdict === 'accepted') entry.examples++;
      else entry.rejected++;
      byTag.set(v.tagId, entry);
    }
    const active = new Map(this.library.heads.active().map((h) => [h.tagId, h]));
    for (const head of active.values()) if (!byTag.has(head.tagId)) byTag.set(head.tagId, { name: head.tagName, examples: 0, rejected: 0 });
    return [...byTag]
      .map(([tagId, e]) => ({ name: e.name, learning: this.learning.learningKind(e.name), activeVersion: active.get(tagId)?.version ?? null, examples: e.examples, rejected: e.rejected }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** "More like this": the nearest photos by stored embedding, and the tags they suggest for this one. */
  similar(photoId: number, limit: number): SimilarPhotosView {
    const row = this.library.photos.byId(photoId);
    if (!row || row.state === 'missing') throw new LibraryError('photo-not-found', `No photo ${photoId} in the library. Search for it with: phototag search <words>`);
    const neighbours = this.index.nearest(photoId, Math.max(limit, 20));
    if (!neighbours) {
      throw new LibraryError('bad-request', `Photo ${photoId} has no stored embedding yet (it was indexed without models, or not analysed yet). Index it with the models on: phototag index`);
    }
    const summary = (id: number) => {
      const r = this.library.photos.byId(id);
      return r ? photoSummaryView(r, this.library.tags.forPhoto(id), this.library.captions.get(id)) : null;
    };
    return {
      photo: summary(photoId) as NonNullable<ReturnType<typeof summary>>,
      similar: neighbours.slice(0, limit).flatMap((n) => {
        const photo = summary(n.photoId);
        return photo ? [{ photo, similarity: n.similarity }] : [];
      }),
      suggestedTags: tagsFromNeighbours(this.library, photoId, neighbours.slice(0, 20)),
    };
  }

  private requireTag(tag: string): { id: number; name: string } {
    const resolved = this.library.tags.resolve(tag.trim());
    if (!resolved) throw new LibraryError('bad-request', `There is no tag "${tag}" in the library yet. Teach it with: phototag teach "${tag}" <photo…>`);
    return resolved;
  }
}
