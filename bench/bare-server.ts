import express from 'express';
import { bareBodies } from './bare-bodies';

/**
 * The stack's ceiling: Express 5 with one JSON route per measured path and nothing else, run by the
 * benchmark beside the app with the same Node and heap options, so its figures differ only by what
 * the app adds. Each route answers with `res.json` of its object: Express as an app without a cache
 * of serialised answers would use it.
 */
const app = express();
for (const [path, body] of bareBodies(process.argv[3])) {
  const answer: unknown = JSON.parse(body);
  app.get(path, (_req, res) => {
    res.json(answer);
  });
}
app.listen(Number(process.argv[2]), '127.0.0.1');
