import express from 'express';

/**
 * The stack's ceiling: Express 5 with one JSON route and nothing else, run by the benchmark beside
 * the app with the same Node and heap options, so its figures differ only by what the app adds.
 */
const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.argv[2]), '127.0.0.1');
