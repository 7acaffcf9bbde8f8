import { useMemo, useState } from 'react';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { useApi } from '../hooks/useApi.js';
import type { Route } from '../hooks/useHashRoute.js';
import { fieldTerm } from '../query.js';

const MAX_TAGS = 400;

/** Every tag in the library, sized by how many photos carry it; a click searches for it. */
export function TagsScreen({ navigate }: { navigate(route: Route): void }) {
  const tags = useApi('tags.list', {}, ['tags', 'photos']);
  const [filter, setFilter] = useState('');
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
        <input className="tag-filter" aria-label="Filter tags" placeholder="Filter tags" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </header>
      {tags.value.length === 0 ? (
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
