/**
 * A process that takes the indexer lock, for the lock's tests: waits until <start at> (epoch ms, so that several
 * processes try at the same moment), tries once and prints `won` or `busy <message>`, then holds a won lock until
 * its stdin closes. Usage: node --import tsx holdWriterLock.ts <lock file> <start at>
 */
import { acquireWriterLock } from '../../../../electron/core/library/writerLock.js';

const [lockFile, startAt] = process.argv.slice(2);
if (!lockFile || !startAt) throw new Error('usage: holdWriterLock.ts <lock file> <start at>');
while (Date.now() < Number(startAt)) {
  // Spin rather than sleep: a timer fires up to a few ms late, which would stagger the racers.
}
let release: () => void;
try {
  release = acquireWriterLock(lockFile);
} catch (error) {
  process.stdout.write(`busy ${(error as Error).message}\n`);
  process.exit(0);
}
process.stdout.write('won\n');
process.stdin.resume();
process.stdin.on('end', () => {
  release();
  process.exit(0);
});
