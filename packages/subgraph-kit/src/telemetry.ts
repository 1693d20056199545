import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RequestHandler } from 'express';

import ioredis = require('ioredis');

import type { Connection } from 'mongoose';

/**
 * OpenTelemetry tracing, off unless configured: W3C `traceparent` from the gateway (Apollo's
 * `gateway.*` spans, the subgraph fetch) into each subgraph's `/graphql` (a server span) and on into
 * its MongoDB commands and Redis calls. Nothing here hooks `require`: the two client libraries are
 * instrumented on the module objects the kit already holds (ioredis) or through the driver's own
 * command monitoring (MongoDB), so it works whatever was loaded first, ESM or CJS, in jest too.
 *
 * Spans carry no data: a Mongo span names its command and collection, a Redis span its command;
 * filters, keys and values (resident ID numbers among them) never reach the collector.
 */
export interface Telemetry {
  /** Flushes what is buffered and stops tracing (the process is ending, or a test is). */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  env?: NodeJS.ProcessEnv;
  /** Where finished spans go instead of the exporter the environment names (tests: in memory). */
  spanProcessors?: SpanProcessor[];
}

const TRACER = '@union-graph/subgraph-kit';

let tracing = false;

/** Whether spans are being recorded: without it the kit adds no middleware and no listeners. */
export function tracingEnabled(): boolean {
  return tracing;
}

/**
 * Configured by the standard variables: an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or another `OTEL_TRACES_EXPORTER` than `none`, and not
 * `OTEL_SDK_DISABLED=true`.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === 'none') return false;
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || exporter);
}

/**
 * Starts the SDK for one process (`serviceName` unless `OTEL_SERVICE_NAME` says otherwise), or
 * does nothing and returns undefined when tracing is not configured. Metrics stay Prometheus's
 * and logs pino's unless `OTEL_METRICS_EXPORTER` / `OTEL_LOGS_EXPORTER` ask for OTLP too.
 */
export function startTelemetry(serviceName: string, opts: TelemetryOptions = {}): Telemetry | undefined {
  const env = opts.env ?? process.env;
  if (!opts.spanProcessors && !tracingConfigured(env)) return undefined;
  // Loaded only when tracing is on: the SDK and its exporters take most of a second and ~60 MB.
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ? undefined : serviceName,
    spanProcessors: opts.spanProcessors,
    ...(!env.OTEL_METRICS_EXPORTER && { metricReaders: [] }),
    ...(!env.OTEL_LOGS_EXPORTER && { logRecordProcessors: [] }),
  });
  sdk.start();
  const redis = new IORedisInstrumentation({
    // No registered hook: the kit patches the ioredis it uses itself, just below.
    enabled: false,
    // Background loops (consumers' blocking reads, the outbox) would each start a trace of their own.
    requireParentSpan: true,
    dbStatementSerializer: (command) => command,
  });
  const modules = redis.getModuleDefinitions();
  for (const m of modules) m.patch?.(ioredis);
  tracing = true;
  return {
    async shutdown() {
      tracing = false;
      for (const m of modules) m.unpatch?.(ioredis);
      await sdk.shutdown();
      // The SDK leaves its globals registered; a later start in this process must find them free.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Adds the active trace context to an outgoing request's headers (`traceparent`, `tracestate`). */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}

/**
 * The server span of a subgraph's `/graphql`, child of the gateway's fetch when the request
 * carries its `traceparent`. Mounted after the body parser: the parser reads the body from socket
 * events that run outside the context set here.
 */
export function serverSpans(subgraph: string): RequestHandler {
  const tracer = trace.getTracer(TRACER);
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      `${req.method} ${req.baseUrl}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': req.baseUrl,
          'union_graph.subgraph': subgraph,
        },
      },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Commands the driver sends for itself (handshakes, pings), not for a request. */
const UNTRACED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo']);

interface CommandEvent {
  commandName: string;
  requestId: number;
  connectionId?: unknown;
  address: string;
}

/**
 * The collection a command names, '' for one that names none (`ping: 1`, `explain: {…}`): a getMore
 * names its cursor first, its collection beside it.
 */
export function commandCollection(e: { commandName: string; command?: Record<string, unknown> }): string {
  const named = e.command?.[e.commandName === 'getMore' ? 'collection' : e.commandName];
  return typeof named === 'string' ? named : '';
}

/**
 * A client span per MongoDB command sent while a span is active (a request's), from the driver's
 * command monitoring (`monitorCommands`, on for every kit connection): the driver emits
 * `commandStarted` in the async context of the operation sending it.
 */
export function traceMongoCommands(conn: Connection): void {
  const tracer = trace.getTracer(TRACER);
  const open = new Map<string, Span>();
  const key = (e: CommandEvent) => `${e.address}#${e.connectionId}#${e.requestId}`;
  const client = conn.getClient();
  client.on('commandStarted', (e) => {
    if (!tracing || UNTRACED.has(e.commandName) || !trace.getSpan(context.active())) return;
    const collection = commandCollection(e);
    const [host, port] = e.address.split(':');
    const span = tracer.startSpan(`${e.commandName} ${collection}`.trim(), {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'mongodb',
        'db.operation.name': e.commandName,
        'db.collection.name': collection,
        'db.namespace': e.databaseName,
        'server.address': host,
        'server.port': Number(port),
      },
    });
    open.set(key(e), span);
  });
  const end = (e: CommandEvent, failure?: { codeName?: string; name?: string }) => {
    const span = open.get(key(e));
    if (!span) return;
    open.delete(key(e));
    if (failure) {
      // The error's name only: a duplicate-key message quotes the key's value.
      span.setAttribute('error.type', failure.codeName ?? failure.name ?? 'error');
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  client.on('commandSucceeded', (e) => end(e));
  client.on('commandFailed', (e) => end(e, e.failure as { codeName?: string; name?: string }));
}
