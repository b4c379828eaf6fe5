import type winston from 'winston';
import type { Clock } from './clock';
import type { CollectorObserver } from './collector/collector';
import type { PostSource } from './collector/types';
import type { Config } from './config';
import type { Logs } from './observability/logger';
import type { AppMetrics } from './observability/metrics';
import type { StreamSource } from './stream/types';

export type SourceFactory = (deps: {
  config: Readonly<Config>;
  logger: winston.Logger;
  metrics: AppMetrics;
}) => PostSource;

export interface ServiceOptions {
  config: Readonly<Config>;
  /** the admin token in force; ADMIN_TOKEN when not given (main.ts generates one when that is unset) */
  adminToken?: string;
  /** the logger and its transports; built from the configuration when not given (tests capture lines) */
  logs?: Logs;
  /** the source of posts; the one TWEET_SOURCE selects when not given */
  source?: PostSource | SourceFactory;
  /** the live stream's source; the one TWEET_SOURCE selects when not given */
  streamSource?: StreamSource;
  /** progress of each collection, for the collect CLI */
  collectorObserver?: CollectorObserver;
  /** the time every timed part reads (lease, scheduler, live hub, stream run); the system's unless a test moves its own */
  clock?: Clock;
}
