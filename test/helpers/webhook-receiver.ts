import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What Alertmanager POSTs to a webhook (version 4 of its payload). */
export interface WebhookPayload {
  version: string;
  receiver: string;
  status: 'firing' | 'resolved';
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  externalURL: string;
  alerts: {
    status: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    generatorURL: string;
  }[];
}

/** An HTTP server on a loopback port that keeps every JSON body POSTed to it. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: WebhookPayload[];
  stop(): Promise<void>;
}> {
  const received: WebhookPayload[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookPayload);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
