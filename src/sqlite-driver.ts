import v8 from 'node:v8';
import BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 12 on Node 24 aborts the process ("Assertion failed: (env) != nullptr" in
 * RemoveEnvironmentCleanupHook) when the garbage collector frees a statement object at a moment
 * without a JavaScript context: in a background GC task, or during exit. Statements kept reachable
 * are instead freed by Node's own cleanup at exit, safely. So every statement is kept: the app's SQL
 * texts are a bounded set, each prepared once (TypeORM's statement cache never evicts, see
 * database.ts). better-sqlite3 13 fixes this but does not run on Node 20, and TypeORM 1 asks for 12.
 *
 * The list hangs off a core module object, the one object every Jest test file shares with the
 * worker process, so that it outlives each test file's module registry too.
 */
const KEY = Symbol.for('twitter-api.retained-sqlite-statements');
const holder = v8 as unknown as Record<symbol, unknown[] | undefined>;
const retained = (holder[KEY] ??= []);

export class RetainingDatabase extends BetterSqlite3 {
  override prepare<P extends unknown[] | object = unknown[], R = unknown>(
    source: string,
  ): BetterSqlite3.Statement<P, R> {
    const statement = super.prepare<P, R>(source);
    retained.push(statement);
    return statement;
  }

  /** better-sqlite3's own pragma() prepares out of reach of prepare() above. */
  override pragma(source: string, options?: BetterSqlite3.PragmaOptions): unknown {
    const statement = this.prepare(`PRAGMA ${source}`);
    if (!statement.reader) {
      statement.run();
      return [];
    }
    return options?.simple ? statement.pluck().get() : statement.all();
  }
}
