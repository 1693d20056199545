import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';
import type { Message } from './messages';
import { kitText } from './texts';

/** The stable codes clients may branch on. Anything else reaching a client is masked. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

abstract class CodedError extends GraphQLError {
  abstract readonly code: ErrorCode;
}

/** The error's text: Chinese, the default language (the response plugin renders English). */
const text = (message: Message) => (typeof message === 'string' ? message : message.render('zh'));

/** Its extensions: the stable code and, for a catalog message, its key and parameters. */
function coded(code: ErrorCode, message: Message, extensions: Record<string, unknown> = {}) {
  const catalog =
    typeof message === 'string' ? {} : { messageKey: message.key, messageParams: message.params };
  return { extensions: { code, ...extensions, ...catalog } };
}

export class BadUserInputError extends CodedError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: Message, field?: string, extensions: Record<string, unknown> = {}) {
    super(text(message), coded('BAD_USER_INPUT', message, { ...(field ? { field } : {}), ...extensions }));
  }
}

export class UnauthenticatedError extends CodedError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message: Message = kitText('unauthenticated')) {
    super(text(message), coded('UNAUTHENTICATED', message, { http: { status: 401 } }));
  }
}

export class ForbiddenError extends CodedError {
  readonly code = 'FORBIDDEN';
  constructor(message: Message = kitText('outsideScope')) {
    super(text(message), coded('FORBIDDEN', message));
  }
}

export class NotFoundError extends CodedError {
  readonly code = 'NOT_FOUND';
  constructor(typename: string, id: string, field?: string) {
    const message = kitText('notFound', { typename, id });
    super(text(message), coded('NOT_FOUND', message, { typename, id, ...(field ? { field } : {}) }));
  }
}

export class ConflictError extends CodedError {
  readonly code = 'CONFLICT';
  constructor(message: Message, extensions: Record<string, unknown> = {}) {
    super(text(message), coded('CONFLICT', message, extensions));
  }
}

const PASS_THROUGH_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * What FerretDB 1.24.2 says when an update (or findAndModify) breaks a unique index: not code
 * 11000 but a generic error (code 1) carrying its backend's own message — SQLite's, or
 * PostgreSQL's unique_violation (SQLSTATE 23505).
 */
const BACKEND_DUPLICATE_MESSAGES = [/UNIQUE constraint failed/, /\(SQLSTATE 23505\)/];

/** A unique-index violation: code 11000 on MongoDB and on FerretDB inserts, or a backend's message. */
export function isDuplicateKey(e: unknown): e is { code?: number; keyValue?: Record<string, unknown> } {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (code === 11000) return true;
  return typeof message === 'string' && BACKEND_DUPLICATE_MESSAGES.some((m) => m.test(message));
}

/** Turns database errors into the stable codes, or null when the error is not the user's doing. */
export function toUserFacingError(error: unknown): GraphQLError | null {
  if (error instanceof CodedError) return error;
  if (error instanceof mongoose.Error.ValidationError) {
    const [first] = Object.values(error.errors);
    const field = first?.path ?? 'input';
    return new BadUserInputError(kitText('invalidValue', { field }), first?.path);
  }
  if (error instanceof mongoose.Error.CastError) {
    return new BadUserInputError(kitText('malformed', { field: error.path }), error.path);
  }
  if (isDuplicateKey(error)) {
    const fields = Object.keys(error.keyValue ?? {});
    return new ConflictError(kitText('duplicate', { fields: fields.join(', ') || 'key' }), { fields });
  }
  return null;
}

/** True when the error will be masked: those are the ones worth logging with the request id. */
export function isUnexpected(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) return false;
  return toUserFacingError(unwrapResolverError(error)) === null;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const mapped = toUserFacingError(original);
  if (mapped) {
    const { http: _http, ...extensions } = mapped.extensions;
    return { ...formatted, message: mapped.message, extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: kitText('internal').render('zh'),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', messageKey: 'kit.internal' },
  };
}
