import type { Corpus } from '../../x/corpus';
import type { ConnectionEnd, ConnectRequest, StreamSource } from '../types';
import { createLiveReplay, postsMatching } from './live-replay';

const TICK_MS = 20;

/**
 * The bundled sample replayed as a live filtered stream at `ratePerSecond` posts, matching the tracked
 * terms, so POST /launch works without X credentials. It never fails; it ends when the run stops.
 */
export function createSampleReplaySource(corpus: Corpus, ratePerSecond: number): StreamSource {
  const messageOf = createLiveReplay(corpus);
  return {
    name: 'sample',
    syncRules: () => Promise.resolve(undefined),
    connect(request: ConnectRequest): Promise<ConnectionEnd> {
      return new Promise((resolve) => {
        if (request.signal.aborted) return resolve({ kind: 'aborted' });
        request.onConnected();
        const startedMs = Date.now();
        let emitted = 0;
        let next = 0;
        let terms = request.terms();
        let matching = postsMatching(corpus, terms);
        const timer = setInterval(() => {
          if (request.terms() !== terms)
            [terms, matching] = [request.terms(), postsMatching(corpus, request.terms())];
          const nowMs = Date.now();
          const due = Math.floor(((nowMs - startedMs) * ratePerSecond) / 1000) - emitted;
          emitted += due;
          if (matching.length === 0) return void (due > 0 && request.onHeartbeat());
          for (let i = 0; i < due; i += 1) {
            request.onPost(messageOf(matching[next % matching.length]!, terms, nowMs));
            next += 1;
          }
        }, TICK_MS);
        request.signal.addEventListener(
          'abort',
          () => {
            clearInterval(timer);
            resolve({ kind: 'aborted' });
          },
          { once: true },
        );
      });
    },
  };
}
