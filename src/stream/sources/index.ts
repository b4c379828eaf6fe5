import type { Logger } from 'winston';
import { loadCorpus } from '../../x/corpus';
import type { Config } from '../../config';
import type { StreamSource } from '../types';
import { createSampleReplaySource } from './sample-replay';
import { createXApiStreamSource } from './x-api-stream';

/** The X API filtered stream with the configured credentials, or the bundled sample replayed live. */
export function createStreamSource(config: Readonly<Config>, logger: Logger): StreamSource {
  if (config.source === 'sample') {
    return createSampleReplaySource(loadCorpus(config.samplePath), config.stream.sampleRate);
  }
  return createXApiStreamSource({ ...config.xApi, logger, stallTimeoutMs: config.stream.stallTimeoutMs });
}
