/**
 * Plays the Electron main process for electron/main/library/libraryProcess.ts under plain Node: shims
 * `process.parentPort` and MessagePortMain over a worker_threads channel, imports the real entry (real
 * LibraryHost, real SQLite), has a short conversation and prints what it saw as one JSON line.
 * Usage: node --import tsx driveLibraryProcess.ts <data dir> <photo folder> <empty model dir>
 */
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { LibraryClient, defaultLibraryTimeouts } from '../../../../electron/main/library/LibraryClient.js';
import { nodePortEndpoint } from './nodePortEndpoint.js';

const [dataDir, photos, modelDir] = process.argv.slice(2);

/** What the utility process gets from Electron: a MessagePortMain, whose 'message' events wrap the data. */
function asMessagePortMain(port: MessagePort) {
  const events = new EventEmitter();
  port.on('message', (data) => events.emit('message', { data, ports: [] }));
  port.on('close', () => events.emit('close'));
  return Object.assign(events, { postMessage: (message: unknown) => port.postMessage(message), start: () => undefined, close: () => port.close() });
}

const parentPort = new EventEmitter();
Object.assign(process, { parentPort });
const { port1, port2 } = new MessageChannel();
await import('../../../../electron/main/library/libraryProcess.js');
parentPort.emit('message', { data: { type: 'init', dataDir, modelDir, modelWorkers: 1 }, ports: [asMessagePortMain(port2)] });

const client = new LibraryClient(nodePortEndpoint(port1), { ...defaultLibraryTimeouts, openMs: 60_000, callMs: 60_000 });
const events = new Set<string>();
let indexed = false;
client.subscribe((event) => {
  events.add(event.type === 'index-progress' ? `index-progress:${event.progress.phase}` : `library-changed:${event.reason}`);
  if (event.type === 'index-progress' && event.progress.phase === 'idle' && event.progress.done > 0) indexed = true;
});

const opened = await client.opened;
const added = await client.call('folders.add', { path: photos });
const badInput = await client.call('photos.search', { query: 5 });
const started = Date.now();
while (!indexed && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 100));
const status = await client.call('library.status', {});
const thumb = await client.media({ kind: 'thumb', photoId: 1, size: 256 });
const missing = await client.media({ kind: 'original', photoId: 999 });
const shutdown = await client.shutdown();
console.log(JSON.stringify({ opened, added, badInput, status, thumb, missing, shutdown, events: [...events] }));
// Ending the conversation is main's job; the library process exits on its own once the port closes.
client.disconnect('done');
setTimeout(() => {
  console.error('the library process did not exit after its port closed');
  process.exit(3);
}, 10_000).unref();
