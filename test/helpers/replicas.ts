import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN } from './app';
import { startMain, type MainProcess } from './main-process';

export interface Replica extends MainProcess {
  name: string;
  /** the `event.action` of each of its log lines, in order */
  actions(): string[];
  /** a sample of its /metrics, by exact series name */
  metric(series: string): Promise<number | undefined>;
}

export interface Replicas {
  all: Replica[];
  databasePath: string;
  /** starts one more replica on the same database, ready */
  add(name: string): Promise<Replica>;
  cleanup(): void;
}

/**
 * App processes (src/main.ts) sharing one SQLite file, each named by HOSTNAME. The first is started
 * alone (it creates the schema), the others after it, together.
 */
export async function startReplicas(names: string[], env: Record<string, string>): Promise<Replicas> {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-replicas-'));
  const databasePath = join(dir, 'shared.db');
  const all: Replica[] = [];
  const add = async (name: string) => {
    const main = await startMain({ ADMIN_TOKEN, DATABASE_PATH: databasePath, HOSTNAME: name, ...env });
    const replica = asReplica(main, name);
    all.push(replica);
    await replica.ready();
    return replica;
  };
  const [first, ...rest] = names;
  await add(first!);
  await Promise.all(rest.map(add));
  return {
    all,
    databasePath,
    add,
    cleanup() {
      all.forEach((replica) => replica.cleanup());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function asReplica(main: MainProcess, name: string): Replica {
  return Object.assign(main, {
    name,
    actions: () => main.lines.map((line) => String(line['event.action'])),
    async metric(series: string) {
      const text = await (await fetch(`${main.url}/metrics`)).text();
      const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    },
  });
}

/** The replicas that logged `action`. */
export const replicasThatLogged = (replicas: Replica[], action: string): Replica[] =>
  replicas.filter((replica) => replica.actions().includes(action));

export const adminHeaders = { Authorization: `Bearer ${ADMIN_TOKEN}` };
