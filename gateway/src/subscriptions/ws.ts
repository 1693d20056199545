import type { Server } from 'node:http';
import { type Caller, TokenError } from '@union-graph/auth';
import { type FormattedExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer as serveGraphqlWs } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticate } from '../auth';
import type { Metrics } from '../metrics';
import type { SubscriptionOptions } from '../options';
import type { Delivery } from './delivery';
import type { SubscriptionHub } from './hub';
import { type StartSubscription, tokenExpiry } from './start';

/** The caller a connection authenticated as (`connectionParams.authorization`), and its streams. */
interface Connection {
  caller: Caller;
  expiresAt?: number;
  deliveries: Map<string, Delivery>;
}

/**
 * WebSocket subscriptions: graphql-ws (subprotocol `graphql-transport-ws`) on upgrades of
 * `/graphql`. The connection authenticates once, with `connectionParams.authorization` (the same
 * `Bearer <token>` as `/graphql`); a bad token closes it (4403), its expiry too (4401). Pings every `heartbeatMs`; a
 * client that lets more than `maxBufferedBytes` pile up unread is dropped.
 */
export function webSocketServer(parts: {
  options: SubscriptionOptions;
  authenticate: Authenticate;
  start: StartSubscription;
  schema: () => GraphQLSchema;
  hub: SubscriptionHub | undefined;
  metrics: Metrics;
}) {
  const { options, authenticate, start, schema, hub, metrics } = parts;
  const wss = new WebSocketServer({ noServer: true });
  const connections = new WeakMap<object, Connection>();
  const server = serveGraphqlWs<Record<string, unknown>>(
    {
      async onConnect(ctx) {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const header = typeof authorization === 'string' ? authorization : undefined;
          const expiresAt = tokenExpiry(header);
          connections.set(ctx.extra, {
            caller: await authenticate(header),
            expiresAt,
            deliveries: new Map(),
          });
          if (expiresAt !== undefined) {
            // The token's end is the connection's end: a client must reconnect with a fresh one.
            const expiry = setTimeout(
              () => ctx.extra.socket.close(CloseCode.Unauthorized, 'token expired'),
              expiresAt - Date.now(),
            );
            ctx.extra.socket.once('close', () => clearTimeout(expiry));
          }
          return true;
        } catch (e) {
          metrics.errors.inc({ code: 'UNAUTHENTICATED' });
          if (e instanceof TokenError) return false;
          throw e;
        }
      },
      async onSubscribe(ctx, id, payload) {
        const connection = connections.get(ctx.extra)!;
        const started = await start(connection.caller, payload, 'ws', { expiresAt: connection.expiresAt });
        if (!started.ok)
          return started.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        connection.deliveries.set(id, started.delivery);
        // A stalled peer blocks graphql-ws on its socket: dropping it must close the socket.
        started.delivery.onDrop = () => ctx.extra.socket.terminate();
        // graphql-ws "executes" what onSubscribe returns: `subscribe` below hands it the delivery.
        return { schema: schema(), document: started.document, contextValue: started.delivery };
      },
      subscribe: (args) => (args.contextValue as Delivery).asResults(),
      // Results are sent as they are: already formatted, as `/graphql` answers them.
      onNext(ctx, id, _payload, _args, result) {
        if (ctx.extra.socket.bufferedAmount > options.maxBufferedBytes) {
          const delivery = connections.get(ctx.extra)?.deliveries.get(id);
          if (delivery) hub?.drop(delivery);
        }
        return result as FormattedExecutionResult;
      },
      onComplete(ctx, id) {
        connections.get(ctx.extra)?.deliveries.delete(id);
      },
    },
    wss,
    options.heartbeatMs,
  );

  return {
    attach(http: Server): void {
      http.on('upgrade', (req, socket, head) => {
        if (new URL(req.url ?? '/', 'http://gateway').pathname !== '/graphql') {
          socket.destroy();
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      });
    },
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      await server.dispose();
    },
  };
}
