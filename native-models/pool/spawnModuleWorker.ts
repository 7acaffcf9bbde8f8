import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker from an ES module URL. Compiled builds run the .js file directly; under the test runner the
 * sources are .ts, so the worker first registers tsx's loader and then imports the module.
 */
export function spawnModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (url.pathname.endsWith('.ts')) {
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
    return new Worker(boot, { ...options, eval: true });
  }
  return new Worker(url, options);
}

/** The sibling module `name` (without extension) of `base`, in whichever form (.ts or .js) `base` itself is. */
export function siblingModule(base: string, name: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}
