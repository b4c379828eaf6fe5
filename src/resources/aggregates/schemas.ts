import { z } from 'zod';
import { single } from '../schemas';
import { canonicalZone } from './hours';

const ZONE_HELP = 'must be an IANA time zone such as UTC or America/Sao_Paulo';

/** Unknown parameters are ignored on the aggregate endpoints, as in the original API. */
export const perHourQuery = z.object({
  tz: single
    .transform((zone, ctx) => {
      const canonical = canonicalZone(zone);
      if (canonical) return canonical;
      ctx.addIssue({ code: 'custom', message: ZONE_HELP });
      return z.NEVER;
    })
    .default('UTC')
    .meta({
      description:
        'IANA time zone to count hours in, e.g. America/Sao_Paulo, in any letter case; default UTC. An unknown zone is a 400.',
      param: { example: 'America/Sao_Paulo' },
    }),
});

export const perHourResponse = z
  .strictObject({
    tweets_per_hour: z
      .array(
        z.strictObject({
          at_hour: z.string().regex(/^([01]\d|2[0-3]):00$/),
          tweets: z.number().int().min(0),
        }),
      )
      .length(24)
      .meta({ description: 'hours 00:00 to 23:00 in order, zero-filled' }),
  })
  .meta({ id: 'TweetsPerHour' });

export const perTagResponse = z
  .strictObject({
    tweets_per_tags: z.array(
      z.array(z.strictObject({ rash: z.string(), lang: z.string(), tweets: z.number().int().min(1) })),
    ),
  })
  .meta({ id: 'TweetsPerTag', description: 'one array per tag, configured tags first' });

export const perCountryResponse = z
  .strictObject({
    tweets_per_country: z
      .array(z.strictObject({ country: z.string().nullable(), tweets: z.number().int().min(1) }))
      .meta({
        description: 'most posts first; null gathers the posts with neither a place nor an author location',
      }),
  })
  .meta({ id: 'TweetsPerCountry' });
