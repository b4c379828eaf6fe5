import { z } from 'zod';
import type { RunSummary } from '../../collector/summary';
import type { Expect, Same } from '../schemas';
import type { RestoreAnswer } from './restore-answer';

const tagSummary = z.strictObject({
  tag: z.string(),
  status: z.enum(['ok', 'rate_limited', 'failed', 'cancelled']),
  returned: z.number().int().meta({ description: "posts the tag's query returned in this run" }),
  new_posts: z.number().int(),
  pages: z.number().int(),
  incomplete: z.boolean().meta({
    description:
      "a range of the tag's posts is still unfetched (a run was interrupted); the next runs fetch it first",
  }),
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
    error: z.string().nullable().meta({
      description: 'why the whole run stopped: what to fix, or that it was stopped (shutdown, DELETE)',
    }),
    tags: z.array(tagSummary),
  })
  .meta({ id: 'RunSummary' });

export const restoredResponse = z
  .strictObject({
    message: z.string().meta({
      description:
        '"database has been restored" when every tag completed; else "database has been partly restored; …" naming the tags that did not',
    }),
    failed_tags: z
      .array(z.string())
      .meta({ description: 'tags that did not complete: failed, rate limited, or left with a hole' }),
    collected: z.record(z.string(), z.number().int()).meta({ description: 'new posts per tag' }),
    summary: runSummary,
  })
  .meta({ id: 'Restored' });

export const droppedResponse = z
  .strictObject({ message: z.literal('database has been dropped') })
  .meta({ id: 'Dropped' });

export type RunSummaryIsTheCollectors = Expect<Same<z.output<typeof runSummary>, RunSummary>>;
export type RestoredIsTheAnswer = Expect<Same<z.output<typeof restoredResponse>, RestoreAnswer>>;
