import type { Server } from 'node:http';
import type { Logger } from 'winston';

export interface ShutdownSteps {
  /** absent when the service never listened (the collect CLI) */
  server?: Server;
  logger: Logger;
  timeoutMs: number;
  /** run in order after the server has stopped taking requests */
  then: (() => Promise<void> | void)[];
}

/**
 * Stops taking connections, lets in-flight requests finish (closing idle keep-alive sockets at once and
 * the rest when the time is up), then runs the remaining steps (scheduler, collector, logs, database).
 */
export async function shutDown({ server, logger, timeoutMs, then }: ShutdownSteps): Promise<void> {
  logger.info('shutting down', { event: 'app.shutdown' });
  if (server) await closeServer(server, timeoutMs);
  for (const step of then) await step();
}

async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(idleSweep);
  clearTimeout(deadline);
}
