import { randomBytes } from 'node:crypto';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './config';
import { DatabaseUnreachableError } from './database';
import { ListenError } from './http-server';
import { exitOnCrash } from './process-guards';
import { createService, type Service } from './service';

/** `npm start`: the service on HTTP, stopped cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const adminToken = config.adminToken ?? randomBytes(24).toString('base64url');
  const service = await createService({ config, adminToken });
  exitOnCrash({
    logger: service.logger,
    flush: (timeoutMs) => service.logs.close(timeoutMs),
    flushTimeoutMs: config.shutdownTimeoutMs,
  });
  if (!config.adminToken) announceGeneratedToken(service, adminToken);
  // Before start: a signal during the first collection still stops the service cleanly.
  stopOnSignals(service);
  await service.start();
}

function announceGeneratedToken(service: Service, adminToken: string): void {
  // Written to the terminal only, never to the logger, so the generated secret is not shipped anywhere.
  process.stderr.write(
    `ADMIN_TOKEN is not set; /database accepts this generated token until restart: ${adminToken}\n`,
  );
  service.logger.warn('ADMIN_TOKEN is not set; a random admin token was generated and printed to stderr', {
    event: 'app.admin_token',
  });
}

function stopOnSignals(service: Service): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info(`received ${signal}`, { event: 'app.signal', signal });
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError || error instanceof ListenError || error instanceof DatabaseUnreachableError
      ? `${error.message}\n`
      : `failed to start: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
});
