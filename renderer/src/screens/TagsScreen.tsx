import { useMemo, useState } from 'react';
import type { TagTreeNodeView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { TagPrompt } from '../components/TagPrompt.js';
import { useApi } from '../hooks/useApi.js';
import type { Route } from '../hooks/useHashRoute.js';
import { fieldTerm } from '../query.js';

const MAX_TAGS = 400;

/**
 * Every tag in the library, as a cloud sized by how many photos carry it or as a tree (WordNet's categories for the
 * model's tags, the user's parents for theirs); a click searches for it, and a category finds all under it.
 */
export function TagsScreen({ navigate }: { navigate(route: Route): void }) {
  const tags = useApi('tags.list', {}, ['tags', 'photos']);
  const [filter, setFilter] = useState('');
  const [view, setView] = useState<'cloud' | 'tree'>('cloud');
  const shown = useMemo(() => {
    const list = (tags.value ?? []).filter((t) => t.name.toLowerCase().includes(filter.trim().toLowerCase())).slice(0, MAX_TAGS);
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }, [tags.value, filter]);
  const max = Math.max(1, ...shown.map((t) => t.count));

  if (tags.error) return <ErrorNotice error={tags.error} onRetry={tags.reload} />;
  if (!tags.value) return <Loading label="Counting tags…" />;
  return (
    <div className="page">
      <header className="page-header">
        <h1>Tags</h1>
        <div className="segmented" role="group" aria-label="Show tags as">
          <button type="button" className="button" aria-pressed={view === 'cloud'} onClick={() => setView('cloud')}>
            Cloud
          </button>
          <button type="button" className="button" aria-pressed={view === 'tree'} onClick={() => setView('tree')}>
            Tree
          </button>
        </div>
        {view === 'cloud' ? <input className="tag-filter" aria-label="Filter tags" placeholder="Filter tags" value={filter} onChange={(e) => setFilter(e.target.value)} /> : null}
      </header>
      {tags.value.length > 0 && view === 'tree' ? (
        <TagTree onSearch={(name) => navigate({ screen: 'search', query: fieldTerm('tag', name) })} />
      ) : tags.value.length === 0 ? (
        <EmptyState title="No tags yet">Tags appear as photos are indexed with the models on, and when you add your own on a photo.</EmptyState>
      ) : (
        <ul className="tag-cloud" aria-label="Tag cloud">
          {shown.map((tag) => {
            // Log scale: a tag on 10,000 photos should not drown one on 10.
            const weight = Math.log1p(tag.count) / Math.log1p(max);
            return (
              <li key={tag.name}>
                <button
                  type="button"
                  className={`cloud-tag kind-${tag.kind}`}
                  style={{ fontSize: `${(0.85 + weight * 1.6).toFixed(2)}rem`, opacity: 0.6 + weight * 0.4 }}
                  onClick={() => navigate({ screen: 'search', query: fieldTerm('tag', tag.name) })}
                  title={`${tag.count.toLocaleString()} photos`}
                >
                  {tag.name}
                  <span className="count">{tag.count.toLocaleString()}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The tags as a tree; each tag can be put under a parent ("golden retriever" under "dog"). */
function TagTree({ onSearch }: { onSearch(name: string): void }) {
  const client = useClient();
  const tree = useApi('tags.tree', {}, ['tags', 'photos']);
  const [moving, setMoving] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (tree.error) return <ErrorNotice error={tree.error} onRetry={tree.reload} />;
  if (!tree.value) return <Loading label="Building the tree…" />;
  const node = (n: TagTreeNodeView) => (
    <li key={n.name} className={`tree-node ${n.kind}`}>
      <button type="button" className="tree-name" onClick={() => onSearch(n.name)} title={n.kind === 'category' ? `Every photo under ${n.name}` : `Photos tagged ${n.name}`}>
        {n.name}
        {n.count !== null ? <span className="count">{n.count.toLocaleString()}</span> : null}
      </button>
      {n.kind === 'tag' && n.own ? (
        <button type="button" className="button ghost small" onClick={() => setMoving(n.name)}>
          {n.userParent ? `Move ${n.name} from under ${n.userParent}…` : `Put ${n.name} under…`}
        </button>
      ) : null}
      {n.children.length > 0 ? <ul>{n.children.map(node)}</ul> : null}
    </li>
  );
  return (
    <>
      {problem ? <p role="alert">{problem}</p> : null}
      <ul className="tag-tree" aria-label="Tag tree">
        {tree.value.map(node)}
      </ul>
      {moving ? (
        <TagPrompt
          title={`Put “${moving}” under`}
          submitLabel="Put under"
          onCancel={() => setMoving(null)}
          onSubmit={(parent) => {
            const tag = moving;
            setMoving(null);
            void client.call('tags.setParent', { tag, parent }).then((result) => {
              setProblem(result.ok ? null : result.error.message);
              tree.reload();
            });
          }}
        />
      ) : null}
    </>
  );
}
