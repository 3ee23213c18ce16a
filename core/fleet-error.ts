// The error type every layer throws for failures a user can act on, in a leaf module so that
// core code (e.g. core/tco) can throw it without importing the API contract (no import cycle).
export type ApiError = { code: ApiErrorCode; message: string; details?: unknown };
export type ApiErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'infeasible' | 'unavailable' | 'internal';

/** Thrown by handlers for errors the user can act on; serialised as {code, message, details}. */
export class FleetError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
