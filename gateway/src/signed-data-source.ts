import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type Caller, signHop } from '@union-graph/auth';
import type { EntityCache } from './entity-cache';
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

const CALLER_HEADER = 'x-union-gateway-caller';
const DEADLINE_HEADER = 'x-union-gateway-deadline';
const ENTITIES_QUERY = /^query[^{]*\{_entities\(representations:\$representations\)/;

/**
 * Every subgraph fetch carries the caller, signed over the exact body sent. The fetcher signs
 * because only it sees the serialized body; the caller travels to it in a header that the fetcher
 * replaces with the signed ones. The client's token never leaves the gateway.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly opts: SignedDataSourceOptions;

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

  constructor(url: string, hopSecret: string);
  constructor(opts: SignedDataSourceOptions);
  constructor(urlOrOpts: string | SignedDataSourceOptions, hopSecret?: string) {
    const opts =
      typeof urlOrOpts === 'string' ? { name: urlOrOpts, url: urlOrOpts, hopSecret: hopSecret! } : urlOrOpts;
    super({
      url: opts.url,
      fetcher: async (input, init) => {
        const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
        const caller = JSON.parse(headers.get(CALLER_HEADER) ?? 'null') as Caller | null;
        headers.delete(CALLER_HEADER);
        if (caller) {
          for (const [k, v] of Object.entries(signHop(caller, String(init?.body ?? ''), opts.hopSecret)))
            headers.set(k, v);
        }
        const deadline = headers.get(DEADLINE_HEADER);
        headers.delete(DEADLINE_HEADER);
        const signals = [AbortSignal.timeout(opts.timeoutMs ?? 10_000)];
        if (deadline) signals.push(AbortSignal.timeout(Math.max(0, Number(deadline) - Date.now())));
        return fetch(input as string, {
          ...(init as RequestInit),
          headers,
          signal: AbortSignal.any(signals),
        }) as never;
      },
    });
    this.opts = opts;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!context.caller) return;
    request.http?.headers.set(CALLER_HEADER, JSON.stringify(context.caller));
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.deadlineAt) request.http?.headers.set(DEADLINE_HEADER, String(context.deadlineAt));
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
                super.process({
                  ...options,
                  request: { ...request, variables: { ...request.variables, representations } },
                }),
              restrict: (hint) => policy.restrict(hint),
            })
          : await super.process(options);
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
