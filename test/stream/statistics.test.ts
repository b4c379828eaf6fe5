import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertRun, saveRun } from '../../src/repositories/stream-runs';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildStartedRun } from '../helpers/factories';
import { until } from '../helpers/until';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('stream statistics across restarts and crashes', () => {
  let dir: string;
  let databasePath: string;
  let app: TestApp | undefined;
  const open = async () =>
    (app = await buildTestApp({
      env: { DATABASE_PATH: databasePath, STREAM_SAMPLE_RATE: '200', STREAM_BATCH_MS: '20' },
    }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-stats-'));
    databasePath = join(dir, 'stream.db');
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function seedRun(
    id: string,
    startedAt: string,
    progress: { elapsedMs: number; amount: number },
    end?: string,
    holder: string | null = 'gone-host:1:0a0b0c0d',
  ) {
    const started = Date.parse(startedAt);
    const run = buildStartedRun({ id, track: ['bieber'], startedAt });
    await insertRun(app!.store, { ...run, holder });
    const at = new Date(started + progress.elapsedMs).toISOString();
    await saveRun(
      app!.store,
      id,
      {
        ...run,
        ...progress,
        ...(holder && { holder }),
        lastHeartbeatAt: at,
        stored: progress.amount - 2,
        duplicates: 1,
        lost: 1,
        reconnects: 2,
      },
      end ? { endedAt: at, reason: end } : undefined,
    );
  }

  test('when a run ended and another was left open by a crash, then the next start closes it at its last heartbeat and sums both exactly', async () => {
    await open();
    await seedRun('run-1', '2026-11-28T10:00:00.000Z', { elapsedMs: 20_500, amount: 7 }, 'stopped');
    await seedRun('run-2', '2026-11-28T11:00:00.000Z', { elapsedMs: 9_000, amount: 3 });
    await app!.close();

    await open();
    const stats = (await app!.api.get('/statistics').expect(200)).body;

    expect(stats).toEqual({
      amount: 10,
      speed: 10 / 29,
      elapsed_time: 29,
      current: null,
      runs: [
        {
          id: 'run-2',
          track: ['bieber'],
          started_at: '2026-11-28T11:00:00.000Z',
          ended_at: '2026-11-28T11:00:09.000Z',
          elapsed_time: 9,
          amount: 3,
          stored: 1,
          duplicates: 1,
          lost: 1,
          reconnects: 2,
          end_reason: 'crashed',
        },
        {
          id: 'run-1',
          track: ['bieber'],
          started_at: '2026-11-28T10:00:00.000Z',
          ended_at: '2026-11-28T10:00:20.500Z',
          elapsed_time: 20,
          amount: 7,
          stored: 5,
          duplicates: 1,
          lost: 1,
          reconnects: 2,
          end_reason: 'stopped',
        },
      ],
    });
    expect(stats.speed).toBe(0.3448275862068966);
    expect(app!.logs.some((line) => line['event.action'] === 'stream.recovered')).toBe(true);
  });

  test('when a run was left by a shutdown and no replica took it up, then the next start ends it as shutdown; one saved just now stays open', async () => {
    await open();
    await seedRun('left', '2026-11-28T10:00:00.000Z', { elapsedMs: 4_000, amount: 5 }, undefined, null);
    const now = new Date(Date.now() - 1000).toISOString();
    await seedRun('live', now, { elapsedMs: 0, amount: 0 }, undefined, 'other-host:1:0a0b0c0d');
    await app!.close();

    await open();
    const stats = (await app!.api.get('/statistics').expect(200)).body;

    const reasons = Object.fromEntries(
      stats.runs.map((run: { id: string; end_reason: string | null }) => [run.id, run.end_reason]),
    );
    expect(reasons).toEqual({ left: 'shutdown', live: null });
  });

  test('when the service stops during a run, then the run is recorded as ended by shutdown and counted after the restart', async () => {
    await open();
    await seedRun('earlier', '2026-11-28T10:00:00.000Z', { elapsedMs: 4_000, amount: 5 }, 'stopped');
    const launched = await app!.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);
    await until(
      async () => (await app!.api.get('/statistics')).body.current.stored > 0,
      'a stored post',
      10_000,
    );
    await app!.close();

    await open();
    const stats = (await app!.api.get('/statistics').expect(200)).body;

    const run = stats.runs[0];
    expect(run).toMatchObject({ id: launched.body.run_id, end_reason: 'shutdown' });
    expect(run.amount).toBeGreaterThan(0);
    expect(run.stored + run.duplicates).toBe(run.amount);
    expect(stats.amount).toBe(run.amount + 5);
    const elapsed = Math.floor((Date.parse(run.ended_at) - Date.parse(run.started_at) + 4_000) / 1000);
    expect(stats.elapsed_time).toBe(elapsed);
    expect(stats.speed).toBe(stats.amount / elapsed);
    expect(stats.current).toBeNull();
  });
});
