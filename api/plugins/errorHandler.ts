// One place turns every failure into the error envelope of the API contract. Fastify's own
// validation errors become VALIDATION_FAILED with the field and the rule; Temporal's not-found,
// already-started and update rejections become 404, 409 CONFLICT and 409 INVALID_STAGE; anything
// else is INTERNAL with nothing of the cause in the answer (it goes to the log).
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ErrorCode, isRefusalCode } from '../../domain/errorCodes.js';
import { DomainError, STATUS } from '../errors.js';

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldName(context: string | undefined, issue: AjvIssue): string {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const missing =
    issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string'
      ? issue.params.missingProperty
      : '';
  return [context, path, missing].filter(Boolean).join('.');
}

function describeIssue(context: string | undefined, issue: AjvIssue): string {
  const field = fieldName(context, issue);
  switch (issue.keyword) {
    case 'required':
      return `${field} is required`;
    case 'additionalProperties':
      return `${field}: unknown property "${String(issue.params?.additionalProperty)}" is not allowed`;
    default:
      return `${field} ${issue.message ?? 'is invalid'}`;
  }
}

export function envelope(code: ErrorCode, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) }, requestId };
}

function fromTemporal(err: unknown): DomainError | null {
  if (err instanceof WorkflowNotFoundError) return new DomainError('NOT_FOUND', 'case not found');
  if (err instanceof WorkflowExecutionAlreadyStartedError)
    return new DomainError('CONFLICT', 'the case is already started');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    // The workflow's own refusals carry one of the refusal codes; anything else is a failure inside
    // the engine, not something the caller did, and is reported as such.
    const type = err.cause.type ?? undefined;
    if (isRefusalCode(type)) return new DomainError(type, err.cause.message);
    return null;
  }
  return null;
}

export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = err instanceof DomainError ? err : fromTemporal(err);
    if (known && err instanceof WorkflowUpdateFailedError) {
      app.apiMetrics?.updateRefused(known.code, request.routeOptions.url ?? 'unknown');
    }
    if (known) {
      return reply.status(STATUS[known.code]).send(envelope(known.code, known.message, request.id, known.details));
    }
    if (err.validation) {
      const issues = err.validation as AjvIssue[];
      const messages = issues.map((i) => describeIssue(err.validationContext, i));
      return reply
        .status(400)
        .send(envelope('VALIDATION_FAILED', messages.join('; '), request.id, { issues: messages }));
    }
    if (err.statusCode === 429) {
      return reply
        .status(429)
        .send(envelope('RATE_LIMITED', 'too many requests: slow down and retry later', request.id));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, a wrong content type, a body too large: the client's mistake, said plainly.
      const code: ErrorCode =
        err.statusCode === 401 ? 'UNAUTHENTICATED' : err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
      return reply
        .status(code === 'VALIDATION_FAILED' ? 400 : err.statusCode)
        .send(envelope(code, err.message, request.id));
    }
    request.log.error({ err }, 'request failed');
    return reply
      .status(500)
      .send(envelope('INTERNAL', 'an internal error occurred; quote the request id when reporting it', request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send(envelope('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`, request.id));
  });
});
