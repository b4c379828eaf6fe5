import type { Logger } from 'winston';
import type { Config } from '../../config';
import type { AppMetrics } from '../../observability/metrics';
import type { PostSource } from '../types';
import { loadCorpus } from '../../x/corpus';
import { createSampleSource } from './sample-source';
import { createXApiSource } from './x-api';

/** The source TWEET_SOURCE selects: the X API with the configured credentials, or the bundled sample. */
export function createSource(
  config: Readonly<Config>,
  deps: { logger: Logger; metrics: AppMetrics },
): PostSource {
  if (config.source === 'sample') return createSampleSource(loadCorpus(config.samplePath));
  return createXApiSource({ ...config.xApi, maxWaitSeconds: config.collect.maxWaitSeconds, ...deps });
}
