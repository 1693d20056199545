import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';

/** The stable codes clients may branch on. Anything else reaching a client is masked. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

abstract class CodedError extends GraphQLError {
  abstract readonly code: ErrorCode;
}

function coded(code: ErrorCode, extensions: Record<string, unknown> = {}) {
  return { extensions: { code, ...extensions } };
}

export class BadUserInputError extends CodedError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, field?: string, extensions: Record<string, unknown> = {}) {
    super(message, coded('BAD_USER_INPUT', { ...(field ? { field } : {}), ...extensions }));
  }
}

export class UnauthenticatedError extends CodedError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentication required') {
    super(message, coded('UNAUTHENTICATED', { http: { status: 401 } }));
  }
}

export class ForbiddenError extends CodedError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Outside the scope of the caller') {
    super(message, coded('FORBIDDEN'));
  }
}

export class NotFoundError extends CodedError {
  readonly code = 'NOT_FOUND';
  constructor(typename: string, id: string, field?: string) {
    super(`${typename} ${id} not found`, coded('NOT_FOUND', { typename, id, ...(field ? { field } : {}) }));
  }
}

export class ConflictError extends CodedError {
  readonly code = 'CONFLICT';
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, coded('CONFLICT', extensions));
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
 * A unique-index violation: code 11000 on MongoDB (and FerretDB inserts); FerretDB 1.24.2 reports
 * one raised by an update as a generic error carrying SQLite's message instead.
 */
export function isDuplicateKey(e: unknown): e is { code?: number; keyValue?: Record<string, unknown> } {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'));
}

/** Turns database errors into the stable codes, or null when the error is not the user's doing. */
export function toUserFacingError(error: unknown): GraphQLError | null {
  if (error instanceof CodedError) return error;
  if (error instanceof mongoose.Error.ValidationError) {
    const [first] = Object.values(error.errors);
    return new BadUserInputError(first?.message ?? error.message, first?.path);
  }
  if (error instanceof mongoose.Error.CastError) {
    return new BadUserInputError(`${error.path} is malformed`, error.path);
  }
  if (isDuplicateKey(error)) {
    const fields = Object.keys(error.keyValue ?? {});
    return new ConflictError(`A record with the same ${fields.join(', ') || 'key'} already exists`, {
      fields,
    });
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
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
