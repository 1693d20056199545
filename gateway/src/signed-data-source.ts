import { STATUS_CODES } from 'node:http';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type Caller, signHop } from '@union-graph/auth';
import { injectTraceContext } from '@union-graph/subgraph-kit';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import { type EntityCache, parseCacheControl } from './entity-cache';
import { messageExtensions } from './errors';
import type { Metrics } from './metrics';
import type { RequestTrace } from './request-trace';
import { gatewayText } from './texts';

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  /** When this request's overall timeout passes (ms since epoch): its subgraph fetches abort then. */
  deadlineAt?: number;
  trace?: RequestTrace;
  /**
   * A subscription's query for one event: its document was checked when the subscription started,
   * and it reads no cache (it must see the change the event announces).
   */
  subscriptionEvent?: boolean;
}

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  hopSecret: string;
  /** A subgraph slower than this fails its part of the answer, not the whole request. */
  timeoutMs?: number;
  entityCache?: EntityCache;
  metrics?: Metrics;
}

const ENTITIES_QUERY = /^query[^{]*\{_entities\(representations:\$representations\)/;
const DEFAULT_TIMEOUT_MS = 10_000;

type IncomingOptions = Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>;

/** undici's response headers as the Fetch Headers Apollo's callers read (`get('cache-control')`). */
function fetchHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** A subgraph's non-2xx answer as Apollo's RemoteGraphQLDataSource reports it (see clientMistakes). */
function httpError(url: string, status: number, body: unknown): GraphQLError {
  const statusText = STATUS_CODES[status] ?? '';
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${status}: ${statusText}`, {
    extensions: { response: { url, status, statusText, body }, ...(code ? { code } : {}) },
  });
}

/**
 * Every subgraph fetch carries the caller, signed over the exact body sent; the client's token
 * never leaves the gateway. Fetches go over a keep-alive undici pool of the subgraph's own rather
 * than through Apollo's fetch path (a Fetch Request, Headers and combined abort signals per
 * fetch): one timer per fetch bounds it by the subgraph timeout or the request's deadline,
 * whichever comes first, and the answer is read and parsed once.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly opts: SignedDataSourceOptions;
  private readonly pool: Pool;
  private readonly path: string;

  /**
   * A failed fetch as a client may see it: which subgraph, and whether it was slow or down. A
   * mutation that was sent and got no answer may or may not have been applied: OUTCOME_UNKNOWN
   * tells the client to retry with its idempotency key (or read back) rather than assume either.
   */
  private unavailable(error: unknown, mutation: boolean) {
    const text = `${(error as Error)?.name} ${(error as Error)?.message} ${String((error as { cause?: unknown })?.cause)}`;
    const timedOut = /timeout|aborted/i.test(text);
    const neverSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(text);
    const subgraph = this.opts.name;
    const [code, message] =
      mutation && !neverSent
        ? ['OUTCOME_UNKNOWN', gatewayText('outcomeUnknown', { subgraph })]
        : timedOut
          ? ['SUBGRAPH_TIMEOUT', gatewayText('subgraphTimeout', { subgraph })]
          : ['SUBGRAPH_UNAVAILABLE', gatewayText('subgraphUnavailable', { subgraph })];
    return { message: message.render('zh'), extensions: { code, ...messageExtensions(message) } };
  }

  constructor(opts: SignedDataSourceOptions) {
    super({ url: opts.url });
    this.opts = opts;
    const url = new URL(opts.url);
    this.path = `${url.pathname}${url.search}`;
    // The one timer per fetch bounds headers and body together: undici's own timers are off.
    this.pool = new Pool(url.origin, { headersTimeout: 0, bodyTimeout: 0 });
  }

  /** One fetch of `request` from the subgraph, its Cache-Control narrowing the request's policy. */
  private async send(
    options: IncomingOptions,
    request: GatewayGraphQLRequest,
  ): Promise<GatewayGraphQLResponse> {
    const { context } = options;
    const { http: _, ...payload } = request;
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context.caller) {
      headers['x-request-id'] = context.requestId;
      Object.assign(headers, signHop(context.caller, body, this.opts.hopSecret));
    }
    // The subgraph's spans join the trace under Apollo's `gateway.fetch` span (no-op untraced).
    injectTraceContext(headers);
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const budget = context.deadlineAt ? Math.min(timeoutMs, context.deadlineAt - Date.now()) : timeoutMs;
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('subgraph fetch timeout', 'TimeoutError')),
      Math.max(0, budget),
    );
    try {
      const res = await this.pool.request({
        method: 'POST',
        path: this.path,
        headers,
        body,
        signal: abort.signal,
      });
      const text = await res.body.text();
      const json = /^application\/(graphql-response\+)?json/.test(String(res.headers['content-type'] ?? ''));
      const parsed: unknown = json ? JSON.parse(text) : text;
      if (res.statusCode < 200 || res.statusCode > 299)
        throw httpError(this.opts.url, res.statusCode, parsed);
      if (!parsed || typeof parsed !== 'object')
        throw new Error(`Expected JSON response body, but received: ${text}`);
      const http = { headers: fetchHeaders(res.headers), status: res.statusCode };
      options.incomingRequestContext.overallCachePolicy.restrict(
        parseCacheControl(http.headers.get('cache-control')),
      );
      return { ...(parsed as GatewayGraphQLResponse), http };
    } finally {
      clearTimeout(timer);
    }
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    if (!('incomingRequestContext' in options)) return super.process(options);
    const { context, request } = options;
    context.trace?.subgraphs.add(this.opts.name);
    const started = process.hrtime.bigint();
    let outcome = 'error';
    try {
      const reps = request.variables?.representations;
      const cache = this.opts.entityCache;
      const policy = options.incomingRequestContext.overallCachePolicy;
      const result =
        cache &&
        context.caller &&
        !context.subscriptionEvent &&
        Array.isArray(reps) &&
        ENTITIES_QUERY.test(request.query ?? '')
          ? await cache.fetch({
              subgraph: this.opts.name,
              query: request.query!,
              caller: context.caller,
              representations: reps,
              send: (representations) =>
                this.send(options, { ...request, variables: { ...request.variables, representations } }),
              restrict: (hint) => policy.restrict(hint),
            })
          : await this.send(options, request);
      outcome = result.errors?.length ? 'partial' : 'ok';
      return result;
    } catch (error) {
      // A subgraph that refused the request as malformed (a bad scalar value in the variables) is
      // answering about the client's input: that is the client's error, not an outage.
      const refusal = clientMistakes(error);
      if (refusal) return { errors: refusal };
      // Returned, not thrown, so the gateway names the subgraph (`serviceName`) and nulls only its part.
      return { errors: [this.unavailable(error, /^\s*mutation\b/.test(request.query ?? ''))] };
    } finally {
      this.opts.metrics?.subgraphLatency.observe(
        { subgraph: this.opts.name, outcome },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }
}

interface SubgraphRefusal {
  extensions?: {
    response?: {
      status?: number;
      body?: { errors?: { message?: string; extensions?: { code?: string } }[] };
    };
  };
}

/**
 * The errors of a subgraph's 400 answer when they are about the request's input (variables that
 * do not fit a scalar or input type), as BAD_USER_INPUT naming the argument path (`input.date`);
 * null for anything else.
 */
export function clientMistakes(error: unknown) {
  const response = (error as SubgraphRefusal)?.extensions?.response;
  if (response?.status !== 400) return null;
  const errors = response.body?.errors ?? [];
  const aboutInput = (e: (typeof errors)[number]) =>
    e.extensions?.code === 'BAD_USER_INPUT' ||
    (e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /Expected value of type/.test(e.message ?? ''));
  if (errors.length === 0 || !errors.every(aboutInput)) return null;
  return errors.map((e) => {
    const message = e.message ?? 'invalid input';
    const at = /Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/.exec(message);
    const whole = /Variable "\$(\w+)"/.exec(message);
    const field = at ? at[2] : whole?.[1];
    return { message, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } };
  });
}
