import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { type Caller, signHop } from '@union-graph/auth';

export interface GatewayContext {
  caller: Caller;
  requestId: string;
}

const CALLER_HEADER = 'x-union-gateway-caller';

/**
 * Every subgraph fetch carries the caller, signed over the exact body sent. The fetcher signs
 * because only it sees the serialized body; the caller travels to it in a header that the fetcher
 * replaces with the signed ones. The client's token never leaves the gateway.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, hopSecret: string) {
    super({
      url,
      fetcher: async (input, init) => {
        const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
        const caller = JSON.parse(headers.get(CALLER_HEADER) ?? 'null') as Caller | null;
        headers.delete(CALLER_HEADER);
        if (caller) {
          for (const [k, v] of Object.entries(signHop(caller, String(init?.body ?? ''), hopSecret)))
            headers.set(k, v);
        }
        return fetch(input as string, { ...(init as RequestInit), headers }) as never;
      },
    });
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    if (!context.caller) return;
    request.http?.headers.set(CALLER_HEADER, JSON.stringify(context.caller));
    request.http?.headers.set('x-request-id', context.requestId);
  }
}
