import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import type { AnalyzerInput, PhotoAnalysis } from '../../../electron/core/pipeline/PhotoAnalyzer.js';
import { ImprovingLine } from '../../../renderer/src/screens/LibraryScreen.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, renderApp, type TestLibrary } from './harness.js';

/** The better tagger of this test: the real pixel analyzer, held back until the test lets it go. */
class HeldBackAnalyzer extends PixelAnalyzer {
  private release: () => void = () => undefined;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));
  letGo(): void {
    this.release();
  }
  override async analyzeBatch(inputs: readonly AnalyzerInput[]): Promise<PhotoAnalysis[]> {
    await this.held;
    return super.analyzeBatch(inputs);
  }
}

describe('the "Improving tags" line', () => {
  afterEach(() => cleanup());

  it('says how many photos wait for the better tags, and nothing once none do', () => {
    const { container, rerender } = render(<ImprovingLine improving={{ remaining: 1234, improved: 5 }} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Improving tags: 1,234 left\. /);
    rerender(<ImprovingLine improving={{ remaining: 0, improved: 1239 }} />);
    expect(container.textContent).toBe('');
    rerender(<ImprovingLine improving={null} />);
    expect(container.textContent).toBe('');
  });
});

describe('the Library screen while a library improves its tags', () => {
  const temp = makeTempDir('phototag-ui-improve-');
  const photos = path.join(temp.dir, 'photos');
  const better = new HeldBackAnalyzer('pixels-better');
  let library: TestLibrary;

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg']);
    const host = await LibraryHost.open({ dataDir: path.join(temp.dir, 'data'), analyzer: new PixelAnalyzer(), improver: better, watch: true });
    library = libraryOverHost(host, path.join(temp.dir, 'data'), null, () => temp.cleanup());
    await library.call('folders.add', { path: photos });
  });
  afterAll(async () => {
    better.letGo();
    await library.close();
  });

  it('shows "Improving tags: N left" from the running library, and takes it away when all are done', async () => {
    renderApp(library, '#/library');
    const panel = within(await screen.findByRole('region', { name: /Up to date|Indexing|Looking/ }, { timeout: 30_000 }));
    await waitFor(() => expect(panel.getByText(/Improving tags: 3 left/)).toBeTruthy(), { timeout: 30_000 });
    expect((await library.call('library.status', {})).indexer.improving).toEqual({ remaining: 3, improved: 0 });

    better.letGo();
    await waitFor(() => expect(panel.queryByText(/Improving tags/)).toBeNull(), { timeout: 30_000 });
    expect((await library.call('library.status', {})).indexer.improving).toMatchObject({ remaining: 0, improved: 3 });
  }, 60_000);
});
