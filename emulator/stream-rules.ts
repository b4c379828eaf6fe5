import type http from 'node:http';
import { send } from './http';

export interface Rule {
  id: string;
  value: string;
  tag?: string;
}

/** The filtered stream's rules, as X keeps them per app. */
export interface RuleStore {
  rules: Map<string, Rule>;
  nextId: bigint;
}

export const createRuleStore = (): RuleStore => ({ rules: new Map(), nextId: 1_500_000_000_000_000_000n });

const INVALID_RULES = {
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: 'https://api.twitter.com/2/problems/invalid-request',
};

/** Terms whose rule (`<term> -is:retweet`) X refuses, as it refuses a rule it cannot parse. */
export interface RuleFaults {
  streamRefusedTerms?: string[];
}

/** GET lists the rules; POST adds (`{"add": [...]}`) or deletes (`{"delete": {"ids": [...]}}`) them. */
export function answerRules(
  store: RuleStore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  faults: RuleFaults = {},
): void {
  const sent = new Date().toISOString();
  if (req.method === 'GET') {
    const data = [...store.rules.values()];
    return send(res, 200, { ...(data.length && { data }), meta: { sent, result_count: data.length } });
  }
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    let request: { add?: { value?: unknown; tag?: unknown }[]; delete?: { ids?: unknown[] } };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return send(res, 400, INVALID_RULES);
    }
    if (Array.isArray(request.add)) return addRules(store, request.add, res, { sent, faults });
    if (Array.isArray(request.delete?.ids)) return deleteRules(store, request.delete.ids, res, sent);
    send(res, 400, INVALID_RULES);
  });
}

function addRules(
  store: RuleStore,
  add: { value?: unknown; tag?: unknown }[],
  res: http.ServerResponse,
  { sent, faults }: { sent: string; faults: RuleFaults },
): void {
  const errors = add.map((rule) => refusal(rule.value, faults)).filter((error) => error !== undefined);
  const valid = add.filter((rule) => refusal(rule.value, faults) === undefined);
  const created = valid.map((rule): Rule => {
    const id = String(store.nextId++);
    const stored = { id, value: String(rule.value), ...(typeof rule.tag === 'string' && { tag: rule.tag }) };
    store.rules.set(id, stored);
    return stored;
  });
  const summary = {
    created: created.length,
    not_created: add.length - created.length,
    valid: valid.length,
    invalid: add.length - valid.length,
  };
  send(res, 200, {
    ...(created.length && { data: created }),
    ...(errors.length && { errors }),
    meta: { sent, summary },
  });
}

/** X's error for a rule it refuses, or undefined for a rule it accepts. */
function refusal(value: unknown, faults: RuleFaults) {
  const error = {
    value,
    title: 'UnprocessableEntity',
    type: 'https://api.twitter.com/2/problems/invalid-rules',
  };
  if (typeof value !== 'string' || value.length > 512)
    return { ...error, details: ['Rules must be strings of at most 512 characters'] };
  const term = value.replace(/ -is:retweet$/, '');
  if (faults.streamRefusedTerms?.includes(term))
    return { ...error, details: [`Reference to invalid field '${term}'`] };
  return undefined;
}

function deleteRules(store: RuleStore, ids: unknown[], res: http.ServerResponse, sent: string): void {
  const deleted = ids.filter((id) => store.rules.delete(String(id))).length;
  send(res, 200, { meta: { sent, summary: { deleted, not_deleted: ids.length - deleted } } });
}
