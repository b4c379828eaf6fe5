import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Mail {
  from: string;
  to: string[];
  /** headers and body as sent, quoted-printable parts decoded */
  data: string;
}

/** Quoted-printable (RFC 2045) as mail clients read it: soft line breaks joined, =XX bytes decoded. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, (run) =>
    Buffer.from(
      run
        .split('=')
        .slice(1)
        .map((hex) => parseInt(hex, 16)),
    ).toString('utf8'),
  );
}

const REPLIES: Record<string, string> = {
  EHLO: '250-sink\r\n250 8BITMIME\r\n',
  HELO: '250 sink\r\n',
  DATA: '354 go on\r\n',
};

/** A plain SMTP server on a loopback port (no TLS, no auth) that keeps each message it is given. */
export async function startSmtpSink(): Promise<{ port: number; mails: Mail[]; stop(): Promise<void> }> {
  const mails: Mail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let mail: Mail = { from: '', to: [], data: '' };
    let inData = false;
    let buffer = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line !== '.') mail.data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          else {
            inData = false;
            mails.push({ ...mail, data: decodeQuotedPrintable(mail.data) });
            mail = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') mail.from = line.slice(10);
        if (verb === 'RCPT') mail.to.push(line.slice(8));
        if (verb === 'DATA') inData = true;
        if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write(REPLIES[verb] ?? '250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    mails,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
