import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { acquireWriterLock } from '../../../electron/core/library/writerLock.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const holder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'holdWriterLock.ts');

interface Holder {
  child: ChildProcess;
  /** The first line it printed: `won` or `busy <message>`. */
  answer: Promise<string>;
}

/** A real process trying for the lock at `startAt`; a winner holds it until its stdin closes or it is killed. */
function tryInAnotherProcess(lock: string, startAt = 0): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, lock, String(startAt)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answer = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] as string);
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before answering: ${out}`)));
  });
  return { child, answer };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('the indexer lock', () => {
  const temp = makeTempDir();
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });
  afterAll(() => temp.cleanup());
  let n = 0;
  const freshLock = () => path.join(temp.dir, `lock-${++n}`, 'indexer.lock');
  const start = (lock: string, startAt = 0) => {
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const h = tryInAnotherProcess(lock, startAt);
    children.push(h.child);
    return h;
  };

  it('is exclusive while its owner holds it, names the owner, and is free again once released', async () => {
    const lock = freshLock();
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const release = acquireWriterLock(lock);
    expect(fs.readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
    const other = start(lock);
    expect(await other.answer).toBe(`busy Another Phototag (pid ${process.pid}) is indexing this library. Stop it first, or use another --data-dir.`);
    release();
    release(); // twice is harmless
    expect(fs.existsSync(lock)).toBe(false);
    expect(await start(lock).answer).toBe('won');
  });

  it('refuses a second acquisition in the same process', () => {
    const lock = freshLock();
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const release = acquireWriterLock(lock);
    try {
      expect(() => acquireWriterLock(lock)).toThrow(LibraryError);
      expect(() => acquireWriterLock(lock)).toThrow(/already indexing this library/);
    } finally {
      release();
    }
    acquireWriterLock(lock)();
  });

  it('goes to exactly one of several processes trying at the same moment, again and again', async () => {
    for (let round = 0; round < 6; round++) {
      const lock = freshLock();
      // A lock left by a killed process, which every racer finds as the race starts.
      fs.mkdirSync(path.dirname(lock), { recursive: true });
      fs.writeFileSync(lock, '999999999');
      const startAt = Date.now() + 1500;
      const racers = [start(lock, startAt), start(lock, startAt), start(lock, startAt)];
      const answers = await Promise.all(racers.map((r) => r.answer));
      expect(answers.filter((a) => a === 'won'), answers.join(' | ')).toHaveLength(1);
      expect(answers.filter((a) => a.startsWith('busy Another Phototag'))).toHaveLength(2);
    }
  }, 60_000);

  it('is released by the OS when its owner is killed with SIGKILL', async () => {
    const lock = freshLock();
    const owner = start(lock);
    expect(await owner.answer).toBe('won');
    expect(() => acquireWriterLock(lock)).toThrow(LibraryError);
    owner.child.kill('SIGKILL');
    await exited(owner.child);
    const release = acquireWriterLock(lock);
    expect(fs.readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
    release();
  });

  it('is not kept by a live process that took a dead owner\'s pid', async () => {
    const lock = freshLock();
    const owner = start(lock);
    expect(await owner.answer).toBe('won');
    owner.child.kill('SIGKILL');
    await exited(owner.child);
    // The dead owner's file now names a live, unrelated process (our parent): the pid was reused.
    fs.writeFileSync(lock, fs.readFileSync(lock, 'utf8').replace(/^\d+/, String(process.ppid)));
    const release = acquireWriterLock(lock);
    release();
  });

  it("keeps out an older Phototag's live pid lock, and takes over its dead one", () => {
    const lock = freshLock();
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    // The format of versions before the lock database: the bare pid. Our parent stands in for a live old version.
    fs.writeFileSync(lock, String(process.ppid));
    expect(() => acquireWriterLock(lock)).toThrow(new RegExp(`pid ${process.ppid}\\).*delete .*indexer\\.lock`));
    fs.writeFileSync(lock, '999999999');
    const release = acquireWriterLock(lock);
    // Older versions read the owner with parseInt: they see ours and stay out.
    expect(Number.parseInt(fs.readFileSync(lock, 'utf8'), 10)).toBe(process.pid);
    release();
    expect(fs.existsSync(lock)).toBe(false);
  });
});
