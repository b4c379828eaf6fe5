import { buildWeb } from '../scripts/build-web';

/** The live page is served from its build (dist/web): build it once before any test file runs. */
export default async function globalSetup(): Promise<void> {
  await buildWeb();
}
