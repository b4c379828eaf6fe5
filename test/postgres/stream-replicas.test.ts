import type { Emulator } from '../../emulator/server';
import { adminHeaders, startReplicas, type Replica, type Replicas } from '../helpers/replicas';
import { until } from '../helpers/until';
import { BEARER } from '../collector/x-api-helpers';
import { FAST_STREAM, startStreamEmulator } from '../stream/x-api-helpers';

const TTL_MS = 3000;
const json = { ...adminHeaders, 'content-type': 'application/json' };

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies, checked by the spec agent */
describe('one stream run for three replicas on PostgreSQL and the X emulator', () => {
  let emulator: Emulator;
  let replicas: Replicas | undefined;

  beforeEach(async () => {
    emulator = await startStreamEmulator({ streamRate: 50 });
    replicas = await startReplicas(['stream-a', 'stream-b', 'stream-c'], {
      ...FAST_STREAM,
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: BEARER,
      TWITTER_API_BASE_URL: emulator.url,
      TAGS: '#devops',
      LEADER_LEASE_TTL_MS: String(TTL_MS),
    });
  }, 60_000);
  afterEach(async () => {
    replicas?.cleanup();
    replicas = undefined;
    await emulator.close();
  });

  const launch = (replica: Replica, track: string[]) =>
    fetch(`${replica.url}/launch`, { method: 'POST', headers: json, body: JSON.stringify({ track }) });
  const stop = (replica: Replica) => fetch(`${replica.url}/stop`, { method: 'POST', headers: adminHeaders });
  const statistics = async (replica: Replica): Promise<any> =>
    (await fetch(`${replica.url}/statistics`)).json();
  const ruleTags = () => [...emulator.stream.rules.rules.values()].map((rule) => rule.tag);
  const holders = async (among = replicas!.all) => {
    const held = await Promise.all(among.map((replica) => replica.metric('twitterapi_stream_run_held')));
    return among.filter((_replica, index) => held[index] === 1);
  };

  test('when /launch is called on A and B at once and /stop on C, then one run ran on one connection with the last terms, and C answered it ended', async () => {
    const [a, b, c] = replicas!.all as [Replica, Replica, Replica];

    const answers = await Promise.all([launch(a, ['#devops']), launch(b, ['#sre'])]);
    const bodies: any[] = await Promise.all(answers.map((answer) => answer.json()));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(bodies[0].run_id).toBe(bodies[1].run_id);
    expect(bodies.map((body) => body.replaced).sort()).toEqual([false, true]);
    const last = bodies.find((body) => body.replaced).track;
    await until(async () => (await statistics(c)).current?.stored > 0, 'posts stored by the run', 15_000);
    expect(await holders()).toHaveLength(1);
    expect(emulator.stream.open.size).toBe(1);
    expect(emulator.stream.connections).toEqual({ opened: 1, tooMany: 0 });
    expect(ruleTags()).toEqual(last);
    for (const replica of [a, b, c]) {
      expect((await statistics(replica)).current).toMatchObject({ id: bodies[0].run_id, track: last });
    }

    const stopped = await stop(c);

    expect(stopped.status).toBe(200);
    const ended: any = await stopped.json();
    expect(ended).toMatchObject({ process_stopped: true, run_id: bodies[0].run_id });
    expect(ended.run).toMatchObject({ end_reason: 'stopped', connected: false });
    expect(ended.run.amount).toBeGreaterThan(0);
    await until(() => emulator.stream.open.size === 0, 'the connection closed', 5000);
    const after = await statistics(a);
    expect(after.current).toBeNull();
    expect(after.runs).toHaveLength(1);
    expect(after.runs[0]).toMatchObject({
      id: bodies[0].run_id,
      end_reason: 'stopped',
      amount: ended.run.amount,
    });
    expect((await stop(b)).status).toBe(409);
  }, 90_000);

  test('when the holder is killed mid-run, then another replica reconnects within two lease TTLs and a restarted replica records no crash', async () => {
    const b = replicas!.all[1]!;
    const launched: any = await (await launch(b, ['#devops'])).json();
    await until(async () => (await statistics(b)).current?.stored > 0, 'posts stored', 15_000);
    const [holder] = await holders();
    const before = (await statistics(b)).current;

    const killedAt = Date.now();
    await holder!.signal('SIGKILL');
    const survivors = replicas!.all.filter((replica) => replica !== holder);
    await until(
      async () =>
        (await Promise.all(survivors.map((r) => r.metric('twitterapi_stream_run_held')))).includes(1),
      'a new holder',
      4 * TTL_MS,
    );
    const gapMs = Date.now() - killedAt;
    const survivor = survivors[0]!;
    await until(
      async () => (await statistics(survivor)).current?.amount > before.amount,
      'posts after the handover',
      10_000,
    );

    expect(gapMs).toBeLessThan(2 * TTL_MS);
    const current = (await statistics(survivor)).current;
    expect(current).toMatchObject({ id: launched.run_id, connected: true });
    expect(current.reconnects_by_reason.holder_lost).toBe(1);
    const [newHolder] = await holders(survivors);
    expect(await newHolder!.metric('twitterapi_stream_handovers_total{reason="holder_lost"}')).toBe(1);
    const handover = newHolder!.lines.find((line) => line['event.action'] === 'stream.handover');
    expect(handover).toMatchObject({ reason: 'holder_lost', run_id: launched.run_id });
    expect(handover!.gap_ms).toBeGreaterThan(0);
    const restarted = await replicas!.add(holder!.name);
    // A replica that does not hold the run reads it from the database within a second.
    await until(
      async () => (await statistics(restarted)).current?.id === launched.run_id,
      'the restarted replica reporting the run',
      5_000,
    );
    const stats = await statistics(restarted);
    expect(stats.runs.map((run: any) => run.end_reason)).toEqual([null]);
    expect(restarted.actions()).not.toContain('stream.recovered');
    console.log(`stream handover after SIGKILL of the holder: ${gapMs} ms (lease TTL ${TTL_MS} ms)`);
  }, 120_000);

  test('when the holder shuts down (SIGTERM), then another replica continues the run, counted as a handover, and nothing ends it', async () => {
    const a = replicas!.all[0]!;
    const launched: any = await (await launch(a, ['#devops'])).json();
    await until(async () => (await statistics(a)).current?.stored > 0, 'posts stored', 15_000);
    const [holder] = await holders();

    expect(await holder!.signal('SIGTERM')).toBe(0);
    const survivors = replicas!.all.filter((replica) => replica !== holder);
    await until(async () => (await holders(survivors)).length === 1, 'a new holder', 4 * TTL_MS);

    const [newHolder] = await holders(survivors);
    const stats = await statistics(newHolder!);
    expect(stats.runs.map((run: any) => run.end_reason)).toEqual([null]);
    expect(stats.current).toMatchObject({ id: launched.run_id });
    expect(stats.current.reconnects_by_reason).toEqual({ handover: 1 });
    expect(holder!.actions()).toContain('stream.left');
    expect(holder!.actions()).not.toContain('stream.end');
  }, 90_000);
});
