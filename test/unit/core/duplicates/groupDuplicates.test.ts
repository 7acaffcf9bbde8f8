import { describe, expect, it } from 'vitest';
import { compareCopies, groupDuplicates, whyBest, type CopyFacts } from '../../../../electron/core/duplicates/groupDuplicates.js';
import { encodeHashes } from '../../../../electron/core/duplicates/perceptualHash.js';

/** Four turns of one 64-bit hash with the bits of `mask` flipped in its high half (the turns differ in the low half). */
function hashes(hi: number, lo: number, mask = 0): Buffer {
  const h = new Uint32Array(8);
  for (let r = 0; r < 4; r++) {
    h[r * 2] = (hi ^ mask) >>> 0;
    h[r * 2 + 1] = (lo + r) >>> 0;
  }
  return encodeHashes(h);
}

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

function photo(id: number, over: Partial<CopyFacts> = {}): CopyFacts {
  return {
    id, path: `/p/${id}.jpg`, contentHash: `h${id}`, size: 1000, mtimeMs: 1000, width: 100, height: 100, format: 'jpeg', hasExif: false,
    hashes: hashes(0x12345678, 0x9abcdef0), embedding: unit(1, 0, 0), ...over,
  };
}

const thresholds = { hashAlone: 4, hashWithEmbedding: 12, cosine: 0.9 };

describe('groupDuplicates', () => {
  it('groups exact copies by content hash even without perceptual hashes', () => {
    const groups = groupDuplicates([photo(1, { contentHash: 'same', hashes: null }), photo(2, { contentHash: 'same', hashes: null }), photo(3, { hashes: null })], thresholds);
    expect(groups.map((g) => g.map((p) => p.id))).toEqual([[1, 2]]);
  });

  it('joins near hashes alone, middling ones only when the embeddings agree, and never far ones', () => {
    const photos = [
      photo(1),
      photo(2, { hashes: hashes(0x12345678, 0x9abcdef0, 0b111) }), // 3 bits: a copy by the hash alone
      photo(3, { hashes: hashes(0x12345678, 0x9abcdef0, 0x3ff) }), // 10 bits, same content
      photo(4, { hashes: hashes(0x12345678, 0x9abcdef0, 0xffc00000), embedding: unit(0, 1, 0) }), // 10 other bits, other content
      photo(5, { hashes: hashes(0x12345678, 0x9abcdef0, 0x0ffffc00), embedding: unit(1, 0, 0) }), // 18 more bits: far from all, whatever the embedding
    ];
    expect(groupDuplicates(photos, thresholds).map((g) => g.map((p) => p.id).sort())).toEqual([[1, 2, 3]]);
  });

  it('puts the best copy first: pixels, then a camera format, EXIF, the larger file, the older file', () => {
    const small = photo(1, { width: 50, height: 50 });
    const png = photo(2, { format: 'png' });
    const exif = photo(3, { hasExif: true });
    const plain = photo(4);
    const bigger = photo(5, { size: 2000 });
    expect([small, png, plain, exif].sort(compareCopies).map((p) => p.id)).toEqual([3, 4, 2, 1]);
    expect([plain, bigger].sort(compareCopies).map((p) => p.id)).toEqual([5, 4]);
    expect([photo(6, { mtimeMs: 5 }), photo(7, { mtimeMs: 1 })].sort(compareCopies).map((p) => p.id)).toEqual([7, 6]);
    expect(whyBest(exif, [small, png])).toEqual(['largest', 'original format', 'has EXIF']);
    expect(whyBest(bigger, [plain])).toEqual(['least compressed']);
  });
});
