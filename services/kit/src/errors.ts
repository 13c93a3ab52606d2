import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.js';

/** Stable codes a client can branch on; the GraphQL error's `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PRECONDITION_FAILED'
  | 'INTERNAL_SERVER_ERROR'
  | (string & {});

/** An expected failure: its message is written for the caller and is safe to show. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new AppError('BAD_USER_INPUT', message, details);
export const unauthenticated = (message = 'Sign in first: send a valid access token as "Authorization: Bearer <token>".') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have access to this resource.') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found, or you have no access to it.`);
export const conflict = (message: string) => new AppError('CONFLICT', message);

/**
 * Codes Apollo Server gives a request it refuses before running it (syntax, validation, variables,
 * persisted queries): the caller's own mistake, answered with graphql-js's message, which says how to fix it.
 */
const requestCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const withLocations = (formatted: GraphQLFormattedError) => (formatted.locations ? { locations: formatted.locations } : {});
const withPath = (formatted: GraphQLFormattedError) => (formatted.path ? { path: formatted.path } : {});

/**
 * Apollo Server's formatError: expected errors keep their code and message, anything else becomes a
 * generic internal error. Stack traces and causes are logged, never sent. A refused request is logged at
 * info with its code only: graphql-js's messages quote variable values, which may be personal data.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...withPath(formatted),
        extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
      };
    }
    const code = formatted.extensions?.['code'];
    // Validation rules (depth, cost) report GraphQLErrors with their own code; Apollo wraps them.
    const ruleCode = original instanceof GraphQLError ? original.extensions?.['code'] : undefined;
    if (typeof ruleCode === 'string') {
      log.info({ code: ruleCode }, 'operation refused');
      return { message: original instanceof Error ? original.message : formatted.message, ...withLocations(formatted), extensions: { code: ruleCode } };
    }
    // Apollo's own request errors wrap graphql-js's (original is a GraphQLError, or nothing).
    const fromRequest = original === undefined || original instanceof GraphQLError;
    if (fromRequest && typeof code === 'string' && requestCodes.has(code) && formatted.path === undefined) {
      log.info({ code }, 'operation refused');
      return { message: formatted.message, ...withLocations(formatted), extensions: { code } };
    }
    // Errors relayed by the gateway from a subgraph (plain objects, not Errors): already formatted there.
    const relayed = original === undefined || !(original instanceof Error);
    if (relayed && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const details = formatted.extensions?.['details'];
      return {
        message: formatted.message,
        ...withPath(formatted),
        extensions: { code, ...(details ? { details } : {}) },
      };
    }
    log.error({ err: original ?? error, path: formatted.path }, 'unexpected resolver error');
    return {
      message: 'Something went wrong on our side; the operation was not applied. Try again later.',
      ...withPath(formatted),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
