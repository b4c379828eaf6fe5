import { ConfigError } from '../config';
import { DatabaseUnreachableError } from '../database';

/** Runs a CLI's main: its exit code, or 1 with one line for a bad configuration and the stack otherwise. */
export function runToExitCode(main: () => Promise<number>, failure: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        error instanceof ConfigError || error instanceof DatabaseUnreachableError
          ? `${error.message}\n`
          : `${failure}: ${(error as Error).stack ?? String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
