import { Router } from 'express';
import { badRequest, methodNotAllowed } from '../../errors';
import type { LiveHub } from '../../live/hub';
import { parseQuery } from '../validation';
import { lastEventIdHeader, liveEventsQuery } from './contract';

export function liveRoutes(hub: LiveHub): Router {
  const router = Router();
  router
    .route('/live/events')
    .get(async (req, res) => {
      const query = parseQuery(liveEventsQuery, req.query);
      const lastEventId = parseLastEventId(req.get('last-event-id')) ?? query.last_event_id;
      if (req.method === 'HEAD') {
        res.type('text/event-stream').end();
        return;
      }
      await hub.connect(req, res, { tag: query.tag, lang: query.lang }, lastEventId);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}

/** The header a browser sends when it reconnects; it wins over the query the page opened with. */
function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const parsed = lastEventIdHeader.safeParse(header.trim());
  if (!parsed.success) throw badRequest(`Last-Event-ID: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
