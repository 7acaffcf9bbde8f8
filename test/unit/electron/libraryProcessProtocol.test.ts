import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../electron/contract/api.js';
import type { Result } from '../../../electron/contract/result.js';
import { LibraryClient, defaultLibraryTimeouts } from '../../../electron/main/library/LibraryClient.js';
import { parseLibraryProcessInit } from '../../../electron/main/library/libraryProtocol.js';
import { LibrarySupervisor } from '../../../electron/main/library/LibrarySupervisor.js';
import { serveLibrary } from '../../../electron/main/library/serveLibrary.js';
import { FakeLibraryHost, fakeLauncher, until } from './helpers/fakeLibrary.js';
import { nodePortEndpoint } from './helpers/nodePortEndpoint.js';

const supervisors: LibrarySupervisor[] = [];
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()));
});

function supervise(options: ConstructorParameters<typeof LibrarySupervisor>[0]): LibrarySupervisor {
  const supervisor = new LibrarySupervisor(options);
  supervisors.push(supervisor);
  supervisor.start();
  return supervisor;
}

function errorOf(result: Result<unknown>): { kind: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('library process protocol (client ↔ serveLibrary over a real MessageChannel)', () => {
  it('forwards calls, media requests and events, and matches concurrent answers to their requests', async () => {
    const host = new FakeLibraryHost();
    const { launch } = fakeLauncher(async () => host);
    const supervisor = supervise({ launch });
    const events: ApiEvent[] = [];
    supervisor.subscribe((event) => events.push(event));

    const [status, search, unknown] = await Promise.all([
      supervisor.call('library.status', {}),
      supervisor.call('photos.search', { query: 'dog' }),
      supervisor.call('nonsense', {}),
    ]);
    expect(status).toEqual({ ok: true, value: { host: 'host' } });
    expect(search).toEqual({ ok: true, value: { method: 'photos.search', input: { query: 'dog' } } });
    expect(errorOf(unknown).kind).toBe('unknown-method');

    expect(await supervisor.media({ kind: 'thumb', photoId: 1, size: 256 })).toEqual({ ok: true, file: '/data/thumbnails/ab/abcd-256.webp', mime: 'image/webp' });
    expect(await supervisor.media({ kind: 'original', photoId: 9 })).toEqual({ ok: false, status: 404, reason: 'no photo 9' });

    host.emit({ type: 'library-changed', reason: 'tags' });
    await until(() => events.length === 1);
    expect(events).toEqual([{ type: 'library-changed', reason: 'tags' }]);
  });

  it('answers a call whose handler throws or whose answer cannot be sent, instead of leaving it waiting', async () => {
    const { launch } = fakeLauncher(async () => new FakeLibraryHost());
    const supervisor = supervise({ launch, timeouts: { callMs: 2000 } });
    expect(errorOf(await supervisor.call('throws', {}))).toEqual({ kind: 'internal', message: 'throws failed: handler bug' });
    expect(errorOf(await supervisor.call('uncloneable', {}))).toEqual({ kind: 'internal', message: 'the library could not send its answer' });
  });

  it('gives up on a call after its timeout as "library-busy" and keeps working afterwards', async () => {
    const host = new FakeLibraryHost();
    host.hanging.add('library.index');
    const { launch } = fakeLauncher(async () => host);
    const supervisor = supervise({ launch, timeouts: { callMs: 150 } });
    const slow = errorOf(await supervisor.call('library.index', {}));
    expect(slow.kind).toBe('library-busy');
    expect(slow.message).toMatch(/did not answer library\.index within 0\.2 s/);
    expect(await supervisor.call('library.status', {})).toEqual({ ok: true, value: { host: 'host' } });
  });

  it('restarts a crashed library process, failing the calls it had in hand with a clear error', async () => {
    const hosts: FakeLibraryHost[] = [];
    const { launch, processes } = fakeLauncher(async (n) => {
      const host = new FakeLibraryHost(`host ${n}`);
      host.hanging.add('library.index');
      hosts.push(host);
      return host;
    });
    const supervisor = supervise({ launch, restartDelaysMs: [0] });
    const events: ApiEvent[] = [];
    supervisor.subscribe((event) => events.push(event));
    expect(await supervisor.call('library.status', {})).toEqual({ ok: true, value: { host: 'host 1' } });

    const inFlight = supervisor.call('library.index', {});
    await until(() => hosts[0]?.calls.some((c) => c.method === 'library.index') ?? false);
    processes[0]?.crash(134);

    const lost = errorOf(await inFlight);
    expect(lost.kind).toBe('internal');
    expect(lost.message).toMatch(/library process stopped unexpectedly \(exit code 134\)/);
    expect(lost.message).toMatch(/restarting it/);

    // The next call waits for the new process instead of failing.
    expect(await supervisor.call('library.status', {})).toEqual({ ok: true, value: { host: 'host 2' } });
    expect(processes).toHaveLength(2);
    expect(supervisor.problem).toBeNull();
    await until(() => events.length > 0);
    expect(events).toContainEqual({ type: 'library-changed', reason: 'photos' });
  });

  it('stops restarting a process that keeps crashing, and says so', async () => {
    const gaveUp: string[] = [];
    let launches = 0;
    const { launch, processes } = fakeLauncher(async () => new FakeLibraryHost());
    const crashingLaunch = () => {
      launches++;
      const connection = launch();
      const crashing = processes[processes.length - 1];
      setTimeout(() => crashing?.crash(1), 1);
      return connection;
    };
    const supervisor = supervise({ launch: crashingLaunch, restartDelaysMs: [0, 0], onGaveUp: (problem) => gaveUp.push(problem) });
    await until(() => gaveUp.length === 1);
    expect(launches).toBe(3);
    expect(gaveUp[0]).toMatch(/keeps stopping \(3 times in a row/);
    const result = errorOf(await supervisor.call('library.status', {}));
    expect(result).toEqual({ kind: 'internal', message: gaveUp[0] });
    expect(await supervisor.media({ kind: 'original', photoId: 1 })).toMatchObject({ ok: false, status: 503 });
  });

  it('does not restart a library that cannot open: every call gets the reason, once the process is stopped', async () => {
    const gaveUp: string[] = [];
    const { launch, processes } = fakeLauncher(async () => {
      throw new Error('database disk image is malformed');
    });
    const supervisor = supervise({ launch, restartDelaysMs: [0, 0, 0], onGaveUp: (problem) => gaveUp.push(problem) });
    expect(errorOf(await supervisor.call('library.status', {}))).toEqual({ kind: 'internal', message: 'database disk image is malformed' });
    await until(() => processes[0]?.exitCode !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(processes).toHaveLength(1);
    expect(gaveUp).toEqual(['database disk image is malformed']);
  });

  it('treats an exit right on the heels of "cannot open" as that failure, not as a crash to restart', async () => {
    const gaveUp: string[] = [];
    let launches = 0;
    const launch = () => {
      launches++;
      const { port1, port2 } = new MessageChannel();
      const exits = new EventEmitter();
      const endpoint = nodePortEndpoint(port1);
      return {
        endpoint: {
          ...endpoint,
          onMessage: (listener: (message: unknown) => void) => {
            endpoint.onMessage(listener);
            // The exit is noticed in the same turn as the message, before anything awaiting `opened` runs.
            endpoint.onMessage(() => exits.emit('exit', 1));
          },
        },
        onExit: (listener: (code: number | null) => void) => exits.once('exit', listener),
        kill: () => port2.close(),
        start: () => port2.postMessage({ type: 'open-failed', message: 'the data folder is read-only' }),
      };
    };
    const supervisor = supervise({
      launch: () => {
        const connection = launch();
        setTimeout(connection.start, 1);
        return connection;
      },
      restartDelaysMs: [0, 0],
      onGaveUp: (problem) => gaveUp.push(problem),
    });
    expect(errorOf(await supervisor.call('library.status', {})).message).toBe('the data folder is read-only');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(launches).toBe(1);
    expect(gaveUp).toEqual(['the data folder is read-only']);
  });

  it('shuts the library down cleanly on stop: the host is closed and the process exits by itself', async () => {
    const host = new FakeLibraryHost();
    const { launch, processes } = fakeLauncher(async () => host);
    const supervisor = new LibrarySupervisor({ launch });
    supervisor.start();
    expect((await supervisor.call('library.status', {})).ok).toBe(true);
    await supervisor.stop();
    expect(host.closed).toBe(true);
    expect(processes[0]?.exitCode).toBe(0);
    expect(processes[0]?.killed).toBe(false);
    expect(errorOf(await supervisor.call('library.status', {})).message).toBe('Phototag is shutting down.');
  });

  it('ignores malformed messages and late answers on either side', async () => {
    const { port1, port2 } = new MessageChannel();
    const client = new LibraryClient(nodePortEndpoint(port1), { ...defaultLibraryTimeouts, callMs: 1000 });
    const library = nodePortEndpoint(port2);
    const requests: unknown[] = [];
    library.onMessage((message) => requests.push(message));
    library.post({ type: 'ready' });
    expect(await client.opened).toEqual({ ok: true });

    const answer = client.call('library.status', {});
    await until(() => requests.length === 1);
    const { id } = requests[0] as { id: number };
    library.post('garbage');
    library.post({ type: 'call-result', id: String(id), result: { ok: true, value: 'wrong id type' } });
    library.post({ type: 'call-result', id: id + 1000, result: { ok: true, value: 'nobody asked' } });
    library.post({ type: 'call-result', id, result: { ok: true, value: 'the answer' } });
    expect(await answer).toEqual({ ok: true, value: 'the answer' });
    client.disconnect('test over');

    const { port1: main, port2: child } = new MessageChannel();
    const host = new FakeLibraryHost();
    void serveLibrary(nodePortEndpoint(child), async () => host);
    const replies: unknown[] = [];
    const mainEnd = nodePortEndpoint(main);
    mainEnd.onMessage((message) => replies.push(message));
    mainEnd.post({ type: 'call', method: 'library.status', input: {} }); // no id: not a request
    mainEnd.post({ type: 'launch-missiles', id: 1 });
    mainEnd.post({ type: 'call', id: 7, method: 'library.status', input: {} });
    await until(() => replies.some((r) => (r as { type: string }).type === 'call-result'));
    expect(replies).toEqual([{ type: 'ready' }, { type: 'call-result', id: 7, result: { ok: true, value: { host: 'host' } } }]);
    expect(host.calls).toHaveLength(1);
    mainEnd.close();
    await until(() => host.closed);
  });

  it('accepts only a complete init message', () => {
    const good = { type: 'init', dataDir: '/home/me/.local/share/Phototag', modelDir: null, modelWorkers: 1 };
    expect(parseLibraryProcessInit(good)).toEqual(good);
    expect(parseLibraryProcessInit({ ...good, dataDir: '' })).toBeNull();
    expect(parseLibraryProcessInit({ ...good, modelWorkers: 0 })).toBeNull();
    expect(parseLibraryProcessInit({ ...good, modelDir: 5 })).toBeNull();
    expect(parseLibraryProcessInit({ ...good, type: 'call' })).toBeNull();
    expect(parseLibraryProcessInit(null)).toBeNull();
  });
});
