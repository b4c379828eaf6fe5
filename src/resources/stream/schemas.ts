import { z } from 'zod';
import { MAX_TERM_LENGTH, MAX_TERMS, TERM_PATTERN } from '../../stream/control';
import { problem } from '../openapi/problem';

const term = z
  .string()
  .trim()
  .min(1, 'a term must not be empty')
  .max(MAX_TERM_LENGTH, `a term is at most ${MAX_TERM_LENGTH} characters (X's rule length)`)
  .regex(TERM_PATTERN, 'each term is a word, a #hashtag, or a "quoted phrase" of words')
  .meta({
    example: '#devops',
    description:
      'spelt as tags are: NFC, letters with their combining marks, lower case independent of the locale (`#İstanbul` is `#istanbul`)',
  });

export const launchBody = z
  .strictObject({
    track: z
      .array(term)
      .min(1, 'at least one term')
      .max(MAX_TERMS, `at most ${MAX_TERMS} terms`)
      .meta({ description: 'the terms to follow; each becomes a filtered-stream rule tagged with the term' }),
  })
  .meta({ id: 'LaunchRequest' });

export const launchedResponse = z
  .strictObject({
    process_started: z.literal(true),
    run_id: z.string(),
    replaced: z.boolean().meta({ description: 'true when a running run was given the new terms' }),
    track: z.array(z.string()),
  })
  .meta({ id: 'Launched' });

const run = z.strictObject({
  id: z.string(),
  track: z.array(z.string()),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().nullable(),
  elapsed_time: z.number().int().meta({ description: 'whole seconds from start to end (or to now)' }),
  amount: z.number().int().meta({ description: 'posts received' }),
  stored: z.number().int().meta({ description: 'posts not stored before' }),
  duplicates: z.number().int().meta({ description: 'posts received that were stored already' }),
  lost: z.number().int().meta({
    description:
      'posts received and not stored: their write failed for good (the database refused them for another reason than being unavailable or busy, or the run ended while it was down)',
  }),
  reconnects: z.number().int(),
  end_reason: z.string().nullable().meta({
    description:
      'stopped, shutdown (one process alone; replicas hand the run over instead), unauthorized, forbidden, rules_refused, or crashed (closed at the next start)',
  }),
});

const currentRun = run.extend({
  malformed: z.number().int().meta({ description: 'lines that were not a post or a known message' }),
  reconnects_by_reason: z.record(z.string(), z.number().int()),
  connected: z.boolean(),
});

export const stoppedResponse = z
  .strictObject({ process_stopped: z.literal(true), run_id: z.string(), run: currentRun })
  .meta({ id: 'Stopped' });

export const statisticsResponse = z
  .strictObject({
    amount: z.number().int().meta({ description: 'posts received in all runs' }),
    speed: z.number().meta({ description: 'amount / elapsed_time (0 while elapsed_time is 0)' }),
    elapsed_time: z.number().int().meta({ description: 'whole seconds of all runs together' }),
    current: currentRun.nullable(),
    runs: z.array(run).max(20).meta({ description: 'the last 20 runs, newest first' }),
  })
  .meta({ id: 'StreamStatistics' });

export type WireRun = z.infer<typeof run>;
export type WireCurrentRun = z.infer<typeof currentRun>;

export const launchProblem = problem
  .extend({
    refused: z
      .array(z.strictObject({ term: z.string(), reason: z.string().meta({ description: "X's reason" }) }))
      .optional()
      .meta({ description: 'the terms whose rule X refused: no run was started or changed, no rule left' }),
  })
  .meta({ id: 'LaunchProblem', description: 'a problem, with the terms X refused when it refused rules' });
