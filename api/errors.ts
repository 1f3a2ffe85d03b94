// Domain errors: they say what went wrong and know nothing of HTTP. One error handler
// (plugins/errorHandler.ts) maps their codes (domain/errorCodes.ts) to statuses and the envelope.
import type { ErrorCode } from '../domain/errorCodes.js';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationFailed = (message: string, details?: unknown) =>
  new DomainError('VALIDATION_FAILED', message, details);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new DomainError('CONFLICT', message, details);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const invalidStage = (message: string, details?: unknown) => new DomainError('INVALID_STAGE', message, details);
export const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);

export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STAGE: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};
