// One error type for everything a user can cause or must be told about: a code the UI and tests
// can rely on, and a sentence saying what happened and what to do.

export const errorCodes = [
  'bad_request',
  'not_found',
  'unauthenticated',
  'empty_message',
  'message_too_long',
  'invalid_image',
  'too_large',
  'too_many',
  'no_vision',
  'busy',
  'quota',
  'no_model',
  'model_unavailable',
  'provider_error',
  'database',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class FlintError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the user. */
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = 'FlintError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export const notFound = () =>
  new FlintError('not_found', 'This chat does not exist or was deleted. Start a new chat from the sidebar.');

/** The shape server actions return instead of throwing: Next.js hides thrown messages in production. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export function toActionError(error: unknown): { ok: false; code: ErrorCode; message: string } {
  if (error instanceof FlintError) return { ok: false, code: error.code, message: error.userMessage };
  console.error('[flint] unexpected error', error);
  return {
    ok: false,
    code: 'internal',
    message: 'Something went wrong on the server. Your messages are saved; try again in a moment.',
  };
}

const httpStatus: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  invalid_image: 422,
  too_large: 413,
  too_many: 429,
  quota: 429,
  not_found: 404,
  unauthenticated: 401,
  no_vision: 409,
  busy: 409,
  database: 503,
};

/**
 * The JSON error response of a route handler: the same code and sentence a server action returns,
 * with a fitting HTTP status. Unexpected errors are logged and answered without details.
 */
export function toErrorResponse(error: unknown): Response {
  return errorResponse(toActionError(error));
}

/** A failed ActionResult as a route handler's JSON error response. */
export function errorResponse({ code, message }: { code: ErrorCode; message: string }): Response {
  return Response.json({ error: { code, message } }, { status: httpStatus[code] ?? 500, headers: { 'cache-control': 'no-store' } });
}

/** Turns a provider failure into a sentence for the user, without leaking secrets or stack traces. */
export function describeProviderError(error: unknown): string {
  const err = error as { statusCode?: number; message?: string; name?: string; cause?: unknown } | undefined;
  const status = err?.statusCode;
  if (status === 401 || status === 403) return 'The model provider rejected the API key. Check the key in your configuration.';
  if (status === 429) return 'The model provider is rate-limiting requests. Wait a moment and try again.';
  if (status && status >= 500) return `The model provider had an error (HTTP ${status}). Try again, or pick another model.`;
  if (status === 404) return 'The model provider does not know this model. Pick another model from the menu.';
  if (status && status >= 400) return `The model provider refused the request (HTTP ${status}): ${truncate(err?.message ?? '', 200)}`;
  const text = `${err?.name ?? ''} ${err?.message ?? ''} ${String((err?.cause as Error | undefined)?.message ?? '')}`;
  if (/timeout|timed out/i.test(text)) return 'The model took too long to start answering. Try again, or pick another model.';
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|connect/i.test(text))
    return 'Could not reach the model provider. Check that it is running and reachable, then try again.';
  return 'The model stopped with an error. Try again, or pick another model.';
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
