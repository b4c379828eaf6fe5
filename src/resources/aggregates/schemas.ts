import { z } from 'zod';
import { single } from '../schemas';
import { zoneFormatter } from './hours';

/** Unknown parameters are ignored on the aggregate endpoints, as in the original API. */
export const perHourQuery = z.object({
  tz: single
    .refine((zone) => zoneFormatter(zone) !== undefined, 'must be an IANA time zone such as UTC or America/Sao_Paulo')
    .default('UTC'),
});
