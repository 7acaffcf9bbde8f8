// The regrouping worker thread: clusters the faces it is sent (clusterFaces.regroup, the same code the main
// thread runs for a small library) and returns who goes where; the main thread writes it.
import { serveWorker } from '../../../native-models/pool/serveWorker.js';
import { regroup } from './clusterFaces.js';
import { unpackFaces, type RegroupRequest, type RegroupResponse } from './regroupWorker.js';

serveWorker<RegroupRequest, RegroupResponse, { ready: true }>(() =>
  Promise.resolve({
    info: { ready: true as const },
    handle(request: RegroupRequest) {
      const started = performance.now();
      const result = regroup(
        unpackFaces(request),
        { mustLink: new Map(request.mustLink), cannotLink: new Map(request.cannotLink.map(([face, people]) => [face, new Set(people)])) },
        request.options,
      );
      return Promise.resolve({ value: { toPerson: [...result.toPerson], newGroups: result.newGroups, ms: Math.round(performance.now() - started) } });
    },
  }),
);
