import type { Message } from '@union-graph/subgraph-kit';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Metrics } from './metrics';
import { languageOf } from './texts';

/** A catalog message as error extensions: its key and parameters, for clients and for English. */
export const messageExtensions = (message: Message) => ({
  messageKey: message.key,
  messageParams: message.params,
});

/**
 * A GraphQL-shaped error for a request refused before Apollo sees it (token, rate, body), worded in
 * the language the request asked for.
 */
export function sendError(
  res: Response,
  metrics: Metrics,
  status: number,
  code: string,
  message: Message,
  extensions: Record<string, unknown> = {},
): void {
  metrics.errors.inc({ code });
  res.status(status).json({
    errors: [
      {
        message: message.render(languageOf(res.req)),
        extensions: { code, ...extensions, ...messageExtensions(message) },
      },
    ],
  });
}

/**
 * A refusal thrown inside Apollo's pipeline, answered with its own HTTP status: Chinese, and English
 * through the kit's language plugin for a caller who asked for it.
 */
export function refused(
  message: Message,
  code: string,
  status: number,
  extensions: Record<string, unknown> = {},
) {
  return new GraphQLError(message.render('zh'), {
    extensions: { code, ...extensions, ...messageExtensions(message), http: { status } },
  });
}
