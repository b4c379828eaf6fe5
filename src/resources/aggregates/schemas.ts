import { z } from 'zod';
import { single } from '../schemas';
import { zoneFormatter } from './hours';

/** Unknown parameters are ignored on the aggregate endpoints, as in the original API. */
export const perHourQuery = z.object({
  tz: single
    .refine((zone) => zoneFormatter(zone) !== undefined, 'must be an IANA time zone such as UTC or America/Sao_Paulo')
    .default('UTC')
    .meta({ description: 'IANA time zone to count hours in, e.g. America/Sao_Paulo; default UTC' }),
});

export const perHourResponse = z
  .object({
    tweets_per_hour: z
      .array(z.object({ at_hour: z.string().regex(/^\d{2}:00$/), tweets: z.number().int() }))
      .length(24),
  })
  .meta({ id: 'TweetsPerHour' });

export const perTagResponse = z
  .object({
    tweets_per_tags: z.array(z.array(z.object({ rash: z.string(), lang: z.string(), tweets: z.number().int() }))),
  })
  .meta({ id: 'TweetsPerTag', description: 'one array per tag, configured tags first' });

export const perCountryResponse = z
  .object({ tweets_per_country: z.array(z.object({ country: z.string().nullable(), tweets: z.number().int() })) })
  .meta({ id: 'TweetsPerCountry' });
