// The error codes of the API's envelope, in one list: the envelope's schema, the API's domain
// errors and the workflow's refusals all derive from it. It lives in domain/ because the workflow
// sandbox imports it too (no Node built-ins here).

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STAGE',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The codes an Update validator of the case workflow refuses with (as the ApplicationFailure's
 * type). The API answers them as they are; any other failure of an Update is the engine's own.
 */
export const REFUSAL_CODES = [
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STAGE',
] as const satisfies readonly ErrorCode[];
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export function isRefusalCode(type: string | undefined): type is RefusalCode {
  return type !== undefined && (REFUSAL_CODES as readonly string[]).includes(type);
}
