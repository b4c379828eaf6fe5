import type { XPlace, XPost, XUser } from '../x/wire';

/** A filtered-stream message carrying a post: the post, its expansions, and the rules it matched. */
export interface StreamPostMessage {
  data: XPost;
  includes?: { users?: XUser[]; places?: XPlace[] };
  matching_rules?: { id?: string; tag?: string }[];
}

/** What one connection reports while it lasts. */
export interface ConnectionHandlers {
  /** the connection is open (HTTP 200): backoffs start over */
  onConnected(): void;
  onPost(message: StreamPostMessage): void;
  onHeartbeat(): void;
  /** a line that is not JSON, or JSON that is neither a post nor a known message */
  onMalformed(): void;
  /** the stream answered with an error message, e.g. an operational disconnect */
  onErrorMessage(title: string): void;
}

/** Why a connection ended. */
export type ConnectionEnd =
  | { kind: 'aborted' }
  | { kind: 'stall' }
  | { kind: 'network'; message: string }
  | { kind: 'operational_disconnect' }
  | { kind: 'http'; status: number; message: string }
  /** X refused some of the rules (its `summary.invalid`, its `errors`): no connection can match them */
  | { kind: 'refused'; refused: RefusedTerm[] };

/** A term whose rule X refused, and X's reason. */
export interface RefusedTerm {
  term: string;
  reason: string;
}

export interface ConnectRequest extends ConnectionHandlers {
  signal: AbortSignal;
  /** the terms now tracked (a launch may change them while the connection lasts) */
  terms(): readonly string[];
}

/** Where a stream run's posts come from: the X API filtered stream, or the sample replayed live. */
export interface StreamSource {
  readonly name: 'x-api' | 'sample';
  /** Makes the source's rules those of `terms`; resolves once they are in force, or with why not. */
  syncRules(terms: readonly string[]): Promise<ConnectionEnd | undefined>;
  /** One connection, until it ends; never throws (the end says why). */
  connect(request: ConnectRequest): Promise<ConnectionEnd>;
}
