/**
 * What the text reader's English-word check costs the thread it runs on (the library's event loop: keepWord runs
 * there, on the words tesseract's worker returns): the module's import, the first isEnglishWord call and calls
 * after. Before the generated list (scripts/build-english-words.ts), the first call read and parsed ~15 MB of
 * WordNet files there. It times the compiled module the app runs, with plain node: through tsx's loader the import
 * of the 0.8 MB list takes ~30 ms more, which the app does not pay.
 *
 * Usage: npx tsc -b && node test/bench/english-words-stall.mjs   (prints JSON; one process per measurement)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const compiled = pathToFileURL(path.join(import.meta.dirname, '..', '..', 'dist', 'native-models', 'text', 'englishWords.js')).href;
const t0 = performance.now();
const { isEnglishWord } = await import(compiled);
const t1 = performance.now();
isEnglishWord('stations');
const t2 = performance.now();
const words = ['station', 'enue', 'running', 'statiem', "he's", 'wi-fi', 'harbours', 'palac', 'tickets', 'closed'];
const rounds = 10_000;
let english = 0;
for (let i = 0; i < rounds; i++) for (const w of words) if (isEnglishWord(w)) english++;
const t3 = performance.now();
console.log(
  JSON.stringify({
    import_ms: Math.round((t1 - t0) * 10) / 10,
    first_call_ms: Math.round((t2 - t1) * 10) / 10,
    call_us: Math.round(((t3 - t2) * 1000 * 100) / (rounds * words.length)) / 100,
    english: english / rounds,
    heap_mb: Math.round(process.memoryUsage().heapUsed / 1e6),
  }),
);
