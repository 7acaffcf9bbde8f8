import type { ComponentLicenceView } from '../../../electron/contract/views.js';
import { ErrorNotice, Loading } from '../components/States.js';
import { useApi } from '../hooks/useApi.js';

/** The version, and every model, weight file and data set that ships or shaped what ships, with its licence. */
export function AboutScreen() {
  const about = useApi('app.about', {});
  if (about.error) return <ErrorNotice error={about.error} onRetry={about.reload} />;
  if (!about.value) return <Loading label="Reading the app's details…" />;
  const { version, licence, runtime, components } = about.value;
  const notices = components.filter((component) => component.notice !== null && component.ships !== 'not shipped');

  return (
    <div className="page about-screen">
      <header className="page-header">
        <h1>About Phototag</h1>
        <p className="muted">
          Version {version} · Node {runtime.node}
          {runtime.electron !== null && ` · Electron ${runtime.electron}`}
        </p>
      </header>
      <section className="panel" aria-labelledby="about-licence">
        <h2 id="about-licence">Licence</h2>
        <p>Phototag's own code is {licence}-licensed. The models and data it ships or was fitted on have their own licences, listed below.</p>
        {notices.map((component) => (
          <p key={component.name} className="licence-notice" role="note" aria-label={`${component.name} licence`}>
            <strong>
              {component.name}: {component.licence}.
            </strong>{' '}
            {component.notice}
          </p>
        ))}
        <p className="muted small">
          Licence texts and notices are in the app's resources/LICENSES folder; the AGPL-3.0 one is also next to the YOLOv5s weights.
        </p>
      </section>
      <section className="panel" aria-labelledby="about-components">
        <h2 id="about-components">Models, weights and data</h2>
        <table className="licence-table">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Ships as</th>
              <th scope="col">Source</th>
              <th scope="col">Licence</th>
            </tr>
          </thead>
          <tbody>
            {components.map((component) => (
              <tr key={component.name}>
                <th scope="row">
                  {component.name}
                  <div className="muted small">{component.usedFor}</div>
                </th>
                <td>{shipsAs(component.ships)}</td>
                <td>
                  {component.source}
                  {/* Plain text: the desktop window opens no other sites. */}
                  <div className="muted small">{component.url}</div>
                </td>
                <td>{component.licence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function shipsAs(ships: ComponentLicenceView['ships']): string {
  if (typeof ships === 'string') return ships;
  return ships.join(', ');
}
