import { coalesced } from '../../src/repositories/coalesced';

/** A read that answers how many times it has been called, once `release` is called. */
function countingRead() {
  let calls = 0;
  const releases: (() => void)[] = [];
  const read = () =>
    new Promise<number>((resolve) => {
      const call = ++calls;
      releases.push(() => resolve(call));
    });
  return { read, calls: () => calls, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced', () => {
  test('when calls arrive in the same turn, then one read answers them all', async () => {
    const counting = countingRead();
    const version = coalesced(counting.read);

    const answers = Promise.all([version(), version(), version()]);
    await nextTurn();
    counting.releaseAll();

    expect(await answers).toEqual([1, 1, 1]);
    expect(counting.calls()).toBe(1);
  });

  test('when a call arrives after the shared read started, then it waits for a new read, not the older answer', async () => {
    const counting = countingRead();
    const version = coalesced(counting.read);

    const early = version();
    await nextTurn();
    const late = version();
    await nextTurn();
    counting.releaseAll();

    expect(await early).toBe(1);
    expect(await late).toBe(2);
    expect(counting.calls()).toBe(2);
  });

  test('when the read fails, then every caller sharing it gets the error and the next call reads again', async () => {
    let attempts = 0;
    const version = coalesced(() =>
      ++attempts === 1 ? Promise.reject(new Error('connection lost')) : Promise.resolve(attempts),
    );

    const failed = await Promise.allSettled([version(), version()]);
    const recovered = await version();

    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error('connection lost'));
    expect(recovered).toBe(2);
  });
});
