import { randomUUID } from 'node:crypto';
import { type Caller, TokenError } from '@union-graph/auth';
import type { NextFunction, Request, Response } from 'express';
import type { Authenticate } from './auth';
import { sendError } from './errors';
import type { Metrics } from './metrics';
import { gatewayText, languageOf, tokenText } from './texts';
import type { TrustedDocuments } from './trusted-documents';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
    requestId?: string;
  }
}

/**
 * Names the request (the client's `x-request-id` when it gives a sane one) and its caller, from the
 * bearer token; a bad token, or a client the trusted-document registry does not know, is refused.
 */
export function identify(
  authenticate: Authenticate,
  trusted: TrustedDocuments | undefined,
  metrics: Metrics,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.requestId =
      typeof given === 'string' && given.length > 0 && given.length <= 128 ? given : randomUUID();
    res.setHeader('x-request-id', req.requestId);
    try {
      const caller = await authenticate(req.headers.authorization);
      // The language travels with the caller in the signed hop: subgraphs word their answers in it.
      req.caller = languageOf(req) === 'en' ? { ...caller, language: 'en' } : caller;
    } catch (e) {
      const problem = e instanceof TokenError ? tokenText(e) : gatewayText('tokenInvalid');
      return sendError(res, metrics, 401, 'UNAUTHENTICATED', problem);
    }
    const client = req.caller.client;
    if (client && trusted?.registry && !trusted.knows(client))
      return sendError(res, metrics, 401, 'UNAUTHENTICATED', gatewayText('unknownClient', { client }));
    next();
  };
}
