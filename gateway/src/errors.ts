import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Metrics } from './metrics';

/** A GraphQL-shaped error for a request refused before Apollo sees it (token, rate, body). */
export function sendError(
  res: Response,
  metrics: Metrics,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  metrics.errors.inc({ code });
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** A refusal thrown inside Apollo's pipeline, answered with its own HTTP status. */
export function refused(
  message: string,
  code: string,
  status: number,
  extensions: Record<string, unknown> = {},
) {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}
