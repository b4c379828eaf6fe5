import { createServer } from 'node:http';
import { bareBodies } from './bare-bodies';

/**
 * The floor under Express: node:http writing each measured path's bytes with Content-Type and
 * Content-Length only, the least an HTTP/1.1 JSON answer can be.
 */
const answers = new Map(
  [...bareBodies(process.argv[3])].map(([path, body]) => [path, Buffer.from(body)] as const),
);
createServer((req, res) => {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const body = answers.get(query === -1 ? url : url.slice(0, query));
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}).listen(Number(process.argv[2]), '127.0.0.1');
