import { z } from 'zod';

/** RFC 9457 problem details, as src/errors.ts writes them; open, because some carry extra members. */
export const problem = z
  .object({
    type: z.string().meta({ description: 'always about:blank: the status says what happened' }),
    title: z.string().meta({ description: "the status's reason phrase" }),
    status: z.number().int().min(400).max(599),
    detail: z
      .string()
      .meta({ description: 'what was wrong and, for 4xx, what is allowed; 5xx never show internals' }),
    instance: z.string().meta({ description: 'the request id, as in the X-Request-Id header' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
