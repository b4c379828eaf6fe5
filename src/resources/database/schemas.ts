import { z } from 'zod';
import type { RunSummary } from '../../collector/summary';
import type { Expect, Same } from '../schemas';

const tagSummary = z.strictObject({
  tag: z.string(),
  status: z.enum(['ok', 'rate_limited', 'failed', 'cancelled']),
  returned: z.number().int().meta({ description: "posts the tag's query returned in this run" }),
  new_posts: z.number().int(),
  pages: z.number().int(),
  error: z.string().nullable(),
});

export const runSummary = z
  .strictObject({
    run_id: z.string(),
    trigger: z.enum(['first-start', 'request', 'schedule', 'cli']),
    source: z.enum(['x-api', 'sample']),
    outcome: z.enum(['success', 'partial', 'failed']),
    started_at: z.iso.datetime(),
    finished_at: z.iso.datetime(),
    duration_ms: z.number().int(),
    error: z.string().nullable().meta({ description: 'why the whole run stopped, and what to fix' }),
    tags: z.array(tagSummary),
  })
  .meta({ id: 'RunSummary' });

export const restoredResponse = z
  .strictObject({
    message: z.literal('database has been restored'),
    collected: z.record(z.string(), z.number().int()).meta({ description: 'new posts per tag' }),
    summary: runSummary,
  })
  .meta({ id: 'Restored' });

export const droppedResponse = z
  .strictObject({ message: z.literal('database has been dropped') })
  .meta({ id: 'Dropped' });

export type RunSummaryIsTheCollectors = Expect<Same<z.output<typeof runSummary>, RunSummary>>;
