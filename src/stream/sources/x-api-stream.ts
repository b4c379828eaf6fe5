import {
  ApiResponseError,
  ETwitterStreamEvent,
  type StreamingV2Rule,
  type TwitterApiReadOnly,
} from 'twitter-api-v2';
import type { Logger } from 'winston';
import { createXClientFactory, type XClientOptions } from '../../x/client';
import { SEARCH_FIELDS } from '../../x/wire';
import { ruleValueOf, termOfRuleValue } from '../terms';
import type { ConnectionEnd, ConnectRequest, RefusedTerm, StreamPostMessage, StreamSource } from '../types';

/** Recent search's fields and expansions, without its page size. */
const { max_results: _pageSize, ...STREAM_FIELDS } = SEARCH_FIELDS;

export interface XApiStreamOptions extends XClientOptions {
  logger: Logger;
  stallTimeoutMs: number;
}

/** The X API v2 filtered stream through twitter-api-v2, its rules reconciled with the tracked terms. */
export function createXApiStreamSource(options: XApiStreamOptions): StreamSource {
  const getClient = createXClientFactory(options);
  return {
    name: 'x-api',
    async syncRules(terms) {
      try {
        return await reconcileRules(await getClient(), terms, options.logger);
      } catch (error) {
        return endOf(error);
      }
    },
    async connect(request) {
      try {
        return await follow(await getClient(), request, options.stallTimeoutMs);
      } catch (error) {
        return endOf(error);
      }
    },
  };
}

/**
 * Each term a rule tagged with the term. A rule is the app's when its value is what the app writes for
 * its tag (`<term> -is:retweet`): those no longer tracked are deleted; any other is left and logged.
 * Missing rules are added first: when X refuses any, those it created are deleted again and nothing
 * else changes, so the rules in force stay those of the run before.
 */
async function reconcileRules(
  client: TwitterApiReadOnly,
  terms: readonly string[],
  logger: Logger,
): Promise<ConnectionEnd | undefined> {
  const rules: StreamingV2Rule[] = (await client.v2.streamRules()).data ?? [];
  const ours = rules.filter((rule) => rule.tag && termOfRuleValue(rule.value) === rule.tag);
  const others = rules.filter((rule) => !ours.includes(rule));
  const stale = ours.filter((rule) => !terms.includes(rule.tag!));
  const missing = terms.filter((term) => !ours.some((rule) => rule.tag === term));
  if (missing.length) {
    const refused = await addRules(client, missing);
    if (refused) {
      logger.warn(`stream rules refused by X: ${refused.map((rule) => rule.term).join(', ')}`, {
        event: 'stream.rules_refused',
        refused,
      });
      return { kind: 'refused', refused };
    }
  }
  if (stale.length) await client.v2.updateStreamRules({ delete: { ids: stale.map((rule) => rule.id) } });
  logger.info(
    `stream rules: ${missing.length} added, ${stale.length} deleted, ${others.length} not ours kept`,
    {
      event: 'stream.rules',
      added: missing,
      deleted: stale.map((rule) => rule.tag),
      others: others.slice(0, 20).map((rule) => ({ id: rule.id, value: rule.value, tag: rule.tag })),
    },
  );
  return undefined;
}

interface RuleError {
  value?: string;
  title?: string;
  detail?: string;
  details?: string[];
}

/** Adds the rules of `terms`; the terms X refused with its reasons (what it created of them deleted). */
async function addRules(client: TwitterApiReadOnly, terms: string[]): Promise<RefusedTerm[] | undefined> {
  const answer = await client.v2.updateStreamRules({
    add: terms.map((term) => ({ value: ruleValueOf(term), tag: term })),
  });
  const errors = ((answer as { errors?: RuleError[] }).errors ?? []).filter(
    (error) => error.title !== 'DuplicateRule',
  );
  const created = answer.data ?? [];
  const refused = terms
    .filter((term) => !created.some((rule) => rule.tag === term))
    .map((term) => ({ term, error: errors.find((error) => error.value === ruleValueOf(term)) }))
    .filter(({ error }) => error !== undefined || invalidCount(answer) > 0)
    .map(({ term, error }) => ({ term, reason: reasonOfRuleError(error) }));
  if (refused.length === 0) return undefined;
  if (created.length) await client.v2.updateStreamRules({ delete: { ids: created.map((rule) => rule.id) } });
  return refused;
}

const invalidCount = (answer: { meta?: { summary?: object } }): number =>
  Number((answer.meta?.summary as { invalid?: number } | undefined)?.invalid ?? 0);

const reasonOfRuleError = (error: RuleError | undefined): string =>
  [error?.title, ...(error?.details ?? []), error?.detail].filter(Boolean).join(': ') || 'invalid rule';

/** One connection to the filtered stream, until it ends. */
async function follow(
  client: TwitterApiReadOnly,
  request: ConnectRequest,
  stallTimeoutMs: number,
): Promise<ConnectionEnd> {
  if (request.signal.aborted) return { kind: 'aborted' };
  const stream = client.v2.searchStream({ ...STREAM_FIELDS, autoConnect: false });
  const onAbort = () => stream.close();
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await new Promise<ConnectionEnd>((resolve, reject) => {
      let end: ConnectionEnd | undefined;
      request.signal.addEventListener('abort', () => resolve({ kind: 'aborted' }), { once: true });
      stream.on(ETwitterStreamEvent.Data, (payload: unknown) => {
        if (isPostMessage(payload)) request.onPost(payload);
        else request.onMalformed();
      });
      stream.on(ETwitterStreamEvent.DataError, (payload: { errors?: { title?: string }[] }) => {
        const title = String(payload.errors?.[0]?.title ?? 'unknown');
        request.onErrorMessage(title);
        if (/operational.disconnect/i.test(title)) end ??= { kind: 'operational_disconnect' };
      });
      stream.on(ETwitterStreamEvent.DataKeepAlive, () => request.onHeartbeat());
      stream.on(ETwitterStreamEvent.TweetParseError, () => request.onMalformed());
      stream.on(ETwitterStreamEvent.ConnectionLost, () => (end ??= { kind: 'stall' }));
      stream.on(ETwitterStreamEvent.ConnectionError, (error: Error) => {
        end ??= { kind: 'network', message: error.message };
      });
      stream.on(ETwitterStreamEvent.ConnectionClosed, () =>
        resolve(
          request.signal.aborted ? { kind: 'aborted' } : (end ?? { kind: 'network', message: 'closed' }),
        ),
      );
      stream
        .connect({ autoReconnect: false, keepAliveTimeout: stallTimeoutMs })
        // An abort while connecting: the library sets the connection up after close() already ran.
        .then(() => (request.signal.aborted ? stream.destroy() : request.onConnected()), reject);
    });
  } finally {
    request.signal.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}

function isPostMessage(payload: unknown): payload is StreamPostMessage {
  const data = (payload as StreamPostMessage | undefined)?.data;
  return typeof data === 'object' && data !== null && typeof data.id === 'string';
}

/** A failed connection or rules request, as a connection end. */
export function endOf(error: unknown): ConnectionEnd {
  if (error instanceof ApiResponseError) {
    return { kind: 'http', status: error.code, message: error.message };
  }
  const cause = (error as { requestError?: Error }).requestError ?? (error as Error);
  return { kind: 'network', message: cause?.message ?? String(error) };
}
