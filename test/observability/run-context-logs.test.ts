import { runWithRequestId, runWithRunId, runWithTag } from '../../src/observability/request-context';
import { captureLogger } from '../helpers/app';

describe('the run context on log lines', () => {
  test('when lines are written inside a request, a run and a tag, then each carries the ids in force, and ids given with a line win', async () => {
    const { logger, logs } = captureLogger();

    await runWithRequestId('req-1', () =>
      runWithRunId('run-1', async () => {
        logger.info('run line');
        await Promise.all(
          ['#a', '#b'].map((tag) =>
            runWithTag(tag, async () => {
              await new Promise((resolve) => setTimeout(resolve, tag === '#a' ? 20 : 0));
              logger.info(`line of ${tag}`);
            }),
          ),
        );
        logger.info('explicit', { tag: '#c', run_id: 'run-x' });
      }),
    );
    logger.info('outside');

    expect(
      logs.map(({ message, request_id, run_id, tag }) => ({ message, request_id, run_id, tag })),
    ).toEqual([
      { message: 'run line', request_id: 'req-1', run_id: 'run-1', tag: undefined },
      { message: 'line of #b', request_id: 'req-1', run_id: 'run-1', tag: '#b' },
      { message: 'line of #a', request_id: 'req-1', run_id: 'run-1', tag: '#a' },
      { message: 'explicit', request_id: 'req-1', run_id: 'run-x', tag: '#c' },
      { message: 'outside', request_id: undefined, run_id: undefined, tag: undefined },
    ]);
  });
});
