import type { FacetsView } from '../../../electron/contract/views.js';
import { fieldTerm, hasTerm } from '../query.js';

export interface FacetPanelProps {
  facets: FacetsView | undefined;
  query: string;
  onToggle(term: string): void;
  id?: string;
  /** In a narrow window the panel is a drawer: open or not, and how to close it. */
  open?: boolean;
  onClose?(): void;
}

/** What the matching photos have in common: tags, years, cameras and places, each a click away from the query. */
export function FacetPanel({ facets, query, onToggle, id, open = false, onClose }: FacetPanelProps) {
  const className = `facets${open ? ' open' : ''}`;
  if (!facets) return <aside id={id} className={className} aria-label="Refine" aria-busy="true" />;
  const groups: { title: string; entries: { label: string; term: string; count: number; estimated?: boolean }[] }[] = [
    { title: 'Tags', entries: facets.tags.map((t) => ({ label: t.name, term: fieldTerm('tag', t.name), count: t.count })) },
    {
      title: 'Years',
      entries: [
        ...facets.years.map((y) => ({ label: y.year, term: fieldTerm('year', y.year), count: y.count })),
        ...(facets.undated > 0 ? [{ label: 'Undated', term: '-has:date', count: facets.undated }] : []),
      ],
    },
    { title: 'Cameras', entries: facets.cameras.map((c) => ({ label: c.camera, term: fieldTerm('camera', c.camera), count: c.count })) },
    {
      title: 'Places',
      // Namesakes (Florence, Italy and Florence, Alabama) are told apart by their country code; place: finds both.
      entries: facets.places.map((p) => ({
        label: facets.places.some((o) => o !== p && o.name === p.name) && p.countryCode ? `${p.name} (${p.countryCode})` : p.name,
        term: fieldTerm(p.field, p.value),
        count: p.count,
      })).concat(
        // Estimated places (no GPS; same camera within an hour of a located photo) are entries of their own, marked
        // in words and by their outline, never added to the GPS counts above; they apply estimate:.
        facets.estimatedPlaces.map((p) => ({
          label: `${facets.estimatedPlaces.some((o) => o !== p && o.name === p.name) && p.countryCode ? `${p.name} (${p.countryCode})` : p.name} (estimated)`,
          term: fieldTerm('estimate', p.value),
          count: p.count,
          estimated: true,
        })),
      ),
    },
  ];
  return (
    <aside id={id} className={className} aria-label="Refine">
      {onClose && (
        <button type="button" className="button ghost small facets-close" onClick={onClose}>
          Close
        </button>
      )}
      {groups.map((group) =>
        group.entries.length === 0 ? null : (
          <section key={group.title} className="facet-group">
            <h3>{group.title}</h3>
            <ul>
              {group.entries.map((entry) => {
                const active = hasTerm(query, entry.term);
                return (
                  <li key={`${entry.term} ${entry.label}`}>
                    <button
                      type="button"
                      className={`facet${entry.estimated ? ' estimated' : ''}${active ? ' active' : ''}`}
                      aria-pressed={active}
                      title={entry.estimated ? 'Estimated from the same camera\'s located photos within an hour; not GPS' : undefined}
                      onClick={() => onToggle(entry.term)}
                    >
                      <span className="facet-label">{entry.label}</span>
                      <span className="count">
                        {facets.approximate ? '~' : ''}
                        {entry.count.toLocaleString()}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ),
      )}
    </aside>
  );
}
