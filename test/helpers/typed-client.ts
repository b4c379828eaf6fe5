import { createTwitterApiClient, type Problem, type TwitterApiClient } from '../../clients/typescript';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from './app';
import { listenOnFreePort } from './sse';

export interface ClientTestApp {
  app: TestApp;
  /** the client as anyone has it: no token */
  api: TwitterApiClient;
  /** the client with the admin token */
  admin: TwitterApiClient;
  close(): Promise<void>;
}

/** The test app listening on a free loopback port, and the generated client pointed at it. */
export async function clientTestApp(
  options: Parameters<typeof buildTestApp>[0] = {},
): Promise<ClientTestApp> {
  const app = await buildTestApp(options);
  const server = await listenOnFreePort(app.http);
  return {
    app,
    api: createTwitterApiClient({ baseUrl: server.url }),
    admin: createTwitterApiClient({ baseUrl: server.url, adminToken: ADMIN_TOKEN }),
    async close() {
      await server.close();
      await app.close();
    },
  };
}

/** The problem+json the app answers with, any request id. */
export const expectedProblem = (status: number, title: string, detail: string): Problem => ({
  type: 'about:blank',
  title,
  status,
  detail,
  instance: expect.any(String) as string,
});
