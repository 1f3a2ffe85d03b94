// The API's one error envelope, {error: {code, message, details}, requestId}, as an Error the
// pages can show: the code picks the words from the catalogue, the field names where it goes.
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STAGE',
  'RATE_LIMITED',
  'INTERNAL',
  'NETWORK',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, unknown> | undefined,
    readonly requestId: string | undefined,
    /** Seconds to wait, from Retry-After (429). */
    readonly retryAfter: number | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the API names (`details.field`, or the start of a validation message), if any. */
  get field(): string | undefined {
    const field = this.details?.field;
    return typeof field === 'string' ? field : undefined;
  }
}

interface Envelope {
  error?: { code?: string; message?: string; details?: unknown };
  requestId?: string;
}

function isCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** The ApiError an unsuccessful response stands for (its body read from a clone). */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  let body: Envelope = {};
  try {
    body = (await response.clone().json()) as Envelope;
  } catch {
    // Not JSON (a proxy's page): the status alone says what happened.
  }
  const code = isCode(body.error?.code) ? body.error.code : response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL';
  const retry = Number(response.headers.get('retry-after'));
  const details = body.error?.details;
  return new ApiError(
    response.status,
    code,
    body.error?.message ?? response.statusText,
    details && typeof details === 'object' ? (details as Record<string, unknown>) : undefined,
    body.requestId ?? response.headers.get('x-request-id') ?? undefined,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}
