import { z } from 'zod';

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().meta({ description: 'the request id (X-Request-Id)' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
