import { loadCorpus } from '../src/x/corpus';
import type { Faults } from './faults';
import { startEmulator } from './server';

/** `npm run emulator`: the X API v2 emulator on EMULATOR_PORT (default 5100). */
async function main(): Promise<void> {
  const emulator = await startEmulator({
    corpus: loadCorpus(process.env.SAMPLE_PATH || 'data/sample/synthetic-recent-search.json'),
    port: Number(process.env.EMULATOR_PORT || 5100),
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    bearerToken: process.env.EMULATOR_BEARER_TOKEN || undefined,
    faults: parseFaults(process.env.EMULATOR_FAULTS),
  });
  process.stdout.write(
    `X API emulator on ${emulator.url}: GET /2/tweets/search/recent, POST /oauth2/token; faults: POST ${emulator.url}/_emulator/faults\n`,
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop).once('SIGTERM', stop);
}

function parseFaults(json: string | undefined): Faults {
  if (!json) return {};
  try {
    return JSON.parse(json) as Faults;
  } catch (error) {
    throw new Error(
      `EMULATOR_FAULTS must be a JSON object of faults, e.g. {"unavailableNext":2}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

main().catch((error: Error) => {
  process.stderr.write(`emulator: ${error.message}\n`);
  process.exit(1);
});
