// Building blocks shared by the route schemas. Schemas are the single source of the request and
// response types, their validation, and the OpenAPI document.
import { Type } from 'typebox';
import { ERROR_CODES } from '../../domain/errorCodes.js';

export const DateString = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'a date YYYY-MM-DD (Asia/Shanghai)',
  examples: ['2026-11-29'],
});
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant with offset' });
export const DivisionCode = Type.String({
  pattern: '^15\\d{4}$',
  description: 'GB/T 2260 code in Inner Mongolia',
  examples: ['150102'],
});
export const CaseId = Type.String({
  pattern: '^case-[0-9a-f-]{36}$',
  description: 'random case ID (also the Temporal workflow ID)',
  examples: ['case-1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b'],
});
export const Fen = Type.Integer({ minimum: 0, description: 'money in integer fen (50,000 CNY = 5000000)' });

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorEnvelope', description: 'every error has this shape' },
);

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  429: ErrorEnvelope,
  500: ErrorEnvelope,
};
