import { collectorArea } from './collector';
import { databaseArea } from './database';
import { eventsArea } from './events';
import { httpArea } from './http';
import { liveArea } from './live';
import { observabilityArea } from './observability';
import type { Values } from './setting';
import { sourceArea } from './source';
import { streamArea } from './stream';

/** Every variable the service reads, by area, in the order the docs list them. */
export const AREAS = [
  httpArea,
  databaseArea,
  sourceArea,
  collectorArea,
  streamArea,
  liveArea,
  eventsArea,
  observabilityArea,
] as const;

export const FIELDS = {
  ...httpArea.fields,
  ...databaseArea.fields,
  ...sourceArea.fields,
  ...collectorArea.fields,
  ...streamArea.fields,
  ...liveArea.fields,
  ...eventsArea.fields,
  ...observabilityArea.fields,
};

export type Config = Values<typeof FIELDS>;
