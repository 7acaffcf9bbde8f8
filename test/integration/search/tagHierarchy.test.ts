import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { searchPhotos } from '../../../db/search/searchPhotos.js';
import { wordnetTagHierarchy } from '../../../db/search/tagHierarchy.generated.js';
import { tagVocabulary } from '../../../native-models/tagger/tagVocabulary.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { addHandPhoto, NOW, type HandPhoto } from './handLibrary.js';

const photos: HandPhoto[] = [
  { file: 'Pictures/dog.jpg', takenAt: '2020-01-01T10:00:00', tags: [['dog', 0.9]] },
  { file: 'Pictures/cat.jpg', takenAt: '2020-01-02T10:00:00', tags: [['cat', 0.9], ['sofa', 0.7]] },
  { file: 'Pictures/bird.jpg', takenAt: '2020-01-03T10:00:00', tags: [['bird', 0.8]] },
  { file: 'Pictures/horse.jpg', takenAt: '2020-01-04T10:00:00', tags: [['horse', 0.8], ['person', 0.9]] },
  { file: 'Pictures/people.jpg', takenAt: '2020-01-05T10:00:00', tags: [['person', 0.9], ['chair', 0.6]] },
  { file: 'Pictures/teddy.jpg', takenAt: '2020-01-06T10:00:00', tags: [['teddy bear', 0.9], ['bed', 0.6]] },
  { file: 'Pictures/street.jpg', takenAt: '2020-01-07T10:00:00', tags: [['car', 0.9], ['bus', 0.6], ['bicycle', 0.5]] },
  { file: 'Pictures/station.jpg', takenAt: '2020-01-08T10:00:00', tags: [['train', 0.9]] },
  { file: 'Pictures/lunch.jpg', takenAt: '2020-01-09T10:00:00', tags: [['pizza', 0.9], ['table', 0.7], ['fork', 0.5]] },
  { file: 'Pictures/fruit.jpg', takenAt: '2020-01-10T10:00:00', tags: [['banana', 0.9], ['apple', 0.8]] },
  { file: 'Pictures/hot dog.jpg', takenAt: '2020-01-11T10:00:00', tags: [['hot dog', 0.9]] },
  { file: 'Pictures/retriever.jpg', takenAt: '2020-01-12T10:00:00', added: ['golden retriever'] },
];

describe('tags form a hierarchy from WordNet (real SQLite library)', () => {
  const temp = makeTempDir('phototag-hierarchy-');
  let library: LibraryDatabase;
  beforeAll(() => {
    library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    library.tags.registerVocabulary(tagVocabulary, NOW);
    const folder = library.folders.add('/lib/Pictures', NOW).id;
    const writer = { photos: library.photos, tags: library.tags, captions: library.captions, refresh: (id: number) => library.searchIndex.refresh(id) };
    library.transaction(() => {
      for (const p of photos) addHandPhoto(writer, p, folder);
    });
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });
  const found = (q: string) => searchPhotos(library.db, q, { limit: 100, prefixLastWord: false }).results.map((r) => path.basename(r.path)).sort();

  it('tag:animal finds dogs, cats, birds and horses, not people, not a teddy bear, not a hot dog', () => {
    expect(found('tag:animal')).toEqual(['bird.jpg', 'cat.jpg', 'dog.jpg', 'horse.jpg']);
    expect(found('tag:mammal')).toEqual(['cat.jpg', 'dog.jpg', 'horse.jpg']);
  });

  it('tag:vehicle, tag:food and tag:furniture find their kinds', () => {
    expect(found('tag:vehicle')).toEqual(['station.jpg', 'street.jpg']);
    expect(found('tag:food')).toEqual(['fruit.jpg', 'hot dog.jpg', 'lunch.jpg']);
    expect(found('tag:fruit')).toEqual(['fruit.jpg']);
    expect(found('tag:furniture')).toEqual(['cat.jpg', 'lunch.jpg', 'people.jpg', 'teddy.jpg']);
  });

  it('a tag the user put under a parent is found by the parent and by every ancestor of it', () => {
    expect(found('tag:dog')).toEqual(['dog.jpg']);
    const id = library.tags.named('golden retriever')?.id as number;
    library.tags.setParent(id, 'dog', NOW);
    expect(found('tag:dog')).toEqual(['dog.jpg', 'retriever.jpg']);
    expect(found('tag:animal')).toEqual(['bird.jpg', 'cat.jpg', 'dog.jpg', 'horse.jpg', 'retriever.jpg']);
    library.tags.setParent(id, null, NOW);
    expect(found('tag:animal')).not.toContain('retriever.jpg');
  });

  it('every model tag that is a kind of thing has a WordNet place, and the senses are the ones photos mean', () => {
    const placed = tagVocabulary.filter((t) => wordnetTagHierarchy[t.name]).map((t) => t.name);
    expect(tagVocabulary.map((t) => t.name).filter((n) => !placed.includes(n)).sort()).toEqual(['face', 'indoor', 'outdoor']);
    expect(wordnetTagHierarchy['computer mouse']?.ancestors).toContain('electronic device');
    expect(wordnetTagHierarchy['computer mouse']?.ancestors).not.toContain('animal');
    expect(wordnetTagHierarchy['kite']?.ancestors).not.toContain('bird');
    expect(wordnetTagHierarchy['person']?.ancestors).not.toContain('animal');
  });
});
