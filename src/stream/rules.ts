import { AppError } from '../errors';
import { runWithRunId } from '../observability/request-context';
import type { StreamRunnerDeps } from './follow';
import type { ConnectionEnd, RefusedTerm } from './types';

/**
 * The rules of `track` in force at the source (logged with the run they are for); a failure to retry
 * later; a 400 when X refuses rules.
 */
export async function syncRulesOrRefuse(
  deps: StreamRunnerDeps,
  track: string[],
  runId: string,
): Promise<ConnectionEnd | undefined> {
  const failure = await runWithRunId(runId, () => deps.source.syncRules(track));
  if (failure?.kind === 'refused') throw rulesRefused(failure.refused);
  return failure;
}

function rulesRefused(refused: RefusedTerm[]): AppError {
  const named = refused.map(({ term, reason }) => `${term} (${reason})`).join(', ');
  return new AppError(400, `X refused the rule of: ${named}; no run started or changed`, {
    body: { refused },
  });
}
