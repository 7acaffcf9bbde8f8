import type { TagView } from '../../../electron/contract/views.js';
import { percent } from '../format.js';

export interface TagListProps {
  tags: TagView[];
  focused: number;
  onFocus(index: number): void;
  onAccept(tag: TagView): void;
  onReject(tag: TagView): void;
  onRemove(tag: TagView): void;
  onRename(tag: TagView): void;
}

const stateLabel: Record<TagView['state'], string> = { suggested: 'suggested', accepted: 'confirmed', rejected: 'rejected' };

/** A photo's tags: how sure the model is, who said so, and buttons (and keys) to confirm, reject or rename each. */
const sourceLabel: Record<TagView['source'], string> = { user: 'you', model: 'model', rule: 'rule', file: 'keyword' };
const sourceTitle: Record<TagView['source'], string> = {
  user: 'You added this tag',
  model: 'The model suggested this tag',
  rule: 'A rule added this tag',
  file: 'A keyword the photo file or its XMP sidecar carries',
};

export function TagList({ tags, focused, onFocus, onAccept, onReject, onRemove, onRename }: TagListProps) {
  if (tags.length === 0) return <p className="muted">No tags yet. Press <kbd>t</kbd> to add one.</p>;
  return (
    <ul className="tag-list" aria-label="Tags">
      {tags.map((tag, index) => (
        <li
          key={tag.name}
          className={`tag-row ${tag.state}${index === focused ? ' focused' : ''}`}
          aria-current={index === focused ? 'true' : undefined}
          data-tag={tag.name}
          onClick={() => onFocus(index)}
        >
          <span className="tag-label">
            <span className="tag-name">{tag.name}</span>
            <span className="tag-meta">
              <span className={`badge source-${tag.source}`} title={sourceTitle[tag.source]}>
                {sourceLabel[tag.source]}
              </span>
              <span className="tag-state">{stateLabel[tag.state]}</span>
            </span>
          </span>
          {tag.confidence !== null ? (
            <span className="confidence" title={`Model confidence ${percent(tag.confidence)}`}>
              <span className="confidence-bar" style={{ width: `${Math.round(tag.confidence * 100)}%` }} />
              <span className="confidence-text">{percent(tag.confidence)}</span>
            </span>
          ) : (
            <span className="confidence empty" />
          )}
          <span className="tag-actions">
            {tag.state !== 'accepted' && (
              <button type="button" className="icon-button ok" aria-label={`Confirm ${tag.name}`} title="Confirm (a)" onClick={() => onAccept(tag)}>
                ✓
              </button>
            )}
            {tag.state !== 'rejected' && (
              <button type="button" className="icon-button no" aria-label={`Reject ${tag.name}`} title="Reject (r)" onClick={() => onReject(tag)}>
                ✕
              </button>
            )}
            {tag.state !== 'rejected' && (
              <button type="button" className="icon-button" aria-label={`Rename ${tag.name}`} title="Rename (n)" onClick={() => onRename(tag)}>
                ✎
              </button>
            )}
            {tag.source === 'user' && (
              <button type="button" className="icon-button" aria-label={`Remove ${tag.name}`} title="Remove (Delete)" onClick={() => onRemove(tag)}>
                ⌫
              </button>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
