import { z } from 'zod';
import { langParam, single, tagParam } from '../schemas';
import { canonicalZone } from './hours';

/** The aggregates' query parameters: a time zone, a time, a tag. */
const ZONE_HELP = 'must be an IANA time zone such as UTC or America/Sao_Paulo';

export const zoneParam = single
  .transform((zone, ctx) => {
    const canonical = canonicalZone(zone);
    if (canonical) return canonical;
    ctx.addIssue({ code: 'custom', message: ZONE_HELP });
    return z.NEVER;
  })
  .default('UTC');

export const tagFilter = tagParam.optional().meta({
  description: 'only posts under this hashtag: devops or #devops, in any letter case',
  param: { example: 'devops' },
});

const TIME_HELP =
  'must be a date (2026-11-01, midnight in tz) or a date-time with Z or an offset, from 1970 to 2999';

/** A real calendar date (no 30 February) and a parseable time. */
function isRealTime(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day));
  // zod runs this refinement even after the format check failed: a malformed value is NaN here.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value.slice(0, 10)) return false;
  return !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

export const instantParam = single
  .regex(/^(19[7-9]\d|2\d{3})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, TIME_HELP)
  .refine(isRealTime, TIME_HELP);

export const langFilter = langParam
  .optional()
  .meta({ description: 'only posts in this language, e.g. en', param: { example: 'en' } });

/** The filters every summary takes: a tag, a language, a time range read in a time zone. */
export const postFilterParams = {
  tag: tagFilter,
  lang: langFilter,
  from: instantParam.optional().meta({
    description: 'only posts created at or after this time; a date is midnight in tz',
    param: { example: '2026-11-14' },
  }),
  to: instantParam.optional().meta({
    description: 'only posts created before this time (exclusive); a date is midnight in tz',
    param: { example: '2026-11-21' },
  }),
  tz: zoneParam.meta({
    description: 'IANA time zone that dates in from and to are read in, in any letter case; default UTC',
    param: { example: 'Asia/Kathmandu' },
  }),
};
