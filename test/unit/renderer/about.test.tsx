import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shippedComponents } from '../../../native-models/licences.js';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

const packageJson = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };

describe('the About screen', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(0);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('opens from the sidebar and shows the version and every shipped model, weight file and data set with its licence', async () => {
    renderApp(library, '#/');
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'About' }));
    expect(window.location.hash).toBe('#/about');
    expect(await screen.findByRole('heading', { name: 'About Phototag' })).toBeTruthy();
    expect(screen.getByText(new RegExp(`Version ${packageJson.version.replaceAll('.', '\\.')}`))).toBeTruthy();

    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').firstChild?.textContent)).toEqual(shippedComponents.map((c) => c.name));
    const yolo = rows.find((row) => row.textContent?.includes('YOLOv5s'));
    expect(yolo?.textContent).toMatch(/AGPL-3\.0-only/);
    expect(yolo?.textContent).toMatch(/models\/yolov5s\/model\.json/);
  });

  it("puts YOLOv5s's AGPL-3.0 notice and what it means for redistribution first", async () => {
    renderApp(library, '#/about');
    const notice = await screen.findByRole('note', { name: /YOLOv5s.*licence/ });
    expect(notice.textContent).toMatch(/AGPL-3\.0-only/);
    expect(notice.textContent).toMatch(/redistributed under the AGPL-3\.0/);
    expect(notice.textContent).toMatch(/build without models\/yolov5s: 'fast' keeps working and 'accurate' reports the missing file/);
    // Data only used for fitting carries no redistribution notice on this screen: nothing of it ships.
    expect(screen.getAllByRole('note')).toHaveLength(1);
  });

  it('answers app.about over the contract with the same list', async () => {
    const about = await library.call('app.about', {});
    expect(about.version).toBe(packageJson.version);
    expect(about.licence).toBe('MIT');
    expect(about.runtime.node).toBe(process.versions.node);
    expect(about.components).toEqual(JSON.parse(JSON.stringify(shippedComponents)));
  });
});
