// Form plumbing shared by the edit forms: text inputs → schema input, zod issues → one message
// per field, and a backend error's details → the same field map (so a server-side rejection
// lands next to the field too).
import type { z } from 'zod';
import { dotReadNote, readTypedNumber } from '../../core/typed-number.ts';
import { ApiCallError } from './api.ts';

export type FieldErrors = Record<string, string>;

/** A rejection found before calling the backend (e.g. a duplicate name), already per field. */
export class FieldErrorsError extends Error {
  readonly errors: FieldErrors;
  constructor(errors: FieldErrors) {
    super(Object.values(errors)[0] ?? 'invalid input');
    this.name = 'FieldErrorsError';
    this.errors = errors;
  }
}

/**
 * Parses what a person types into a number box by the one rule for typed numbers
 * (core/typed-number.ts: "1,5" is 1.5, "1,500" is refused as ambiguous). '' → undefined;
 * refused → NaN, and `numberTextError` says why.
 */
export function parseNumberText(text: string | number | null | undefined): number | undefined {
  if (typeof text === 'number') return text;
  if (text == null) return undefined;
  const r = readTypedNumber(String(text));
  return r === undefined ? undefined : r.ok ? r.value : Number.NaN;
}

/** Why a typed number is refused ('must be a number', 'is ambiguous: …'); undefined when it reads or is empty. */
export function numberTextError(text: string): string | undefined {
  const r = readTypedNumber(text);
  if (r === undefined || r.ok) return undefined;
  return r.reason === 'not a number' ? 'must be a number' : r.reason;
}

/** A remark on a typed number that reads but may not be what was meant (1.500 is 1.5, not 1500). */
export const numberTextWarning = dotReadNote;

/** Field → first message, from zod issues. An issue without a path goes under '_'. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? String(issue.path[issue.path.length === 1 ? 0 : 0]) : '_';
    if (!(key in errors)) errors[key] = humanise(issue.message);
  }
  return errors;
}

function humanise(message: string): string {
  if (/expected number, received (NaN|string)/i.test(message)) return 'must be a number';
  if (/expected number, received (undefined|null)/i.test(message)) return 'is required';
  if (/expected string, received undefined/i.test(message)) return 'is required';
  return message;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validate with a schema; numbers that failed to parse are reported as 'must be a number'. */
export function validate<S extends z.ZodType>(schema: S, input: Record<string, unknown>): Validated<z.output<S>> {
  const errors: FieldErrors = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'number' && Number.isNaN(v)) errors[k] = 'must be a number';
  const result = schema.safeParse(input);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, value: result.data };
  if (!result.success) {
    for (const [k, msg] of Object.entries(issuesToErrors(result.error.issues))) if (!(k in errors)) errors[k] = msg;
  }
  return { ok: false, errors };
}

/**
 * Field errors from a failed API call. Handles zod-style issue lists in `details`
 * (optionally nested under the argument name, e.g. ['workload','pue']) and {field: message} maps;
 * anything else goes under '_' with the error message.
 */
export function apiErrorsToFields(err: unknown, argKey?: string): FieldErrors {
  if (err instanceof FieldErrorsError) return err.errors;
  if (!(err instanceof ApiCallError)) return { _: err instanceof Error ? err.message : String(err) };
  const d = err.details as unknown;
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const list = Array.isArray(d)
    ? d
    : d && typeof d === 'object' && Array.isArray((d as { issues?: unknown }).issues)
      ? (d as { issues: unknown[] }).issues
      : null;
  if (list) {
    for (const it of list) {
      if (it && typeof it === 'object' && 'message' in it) {
        const raw = (it as { path?: unknown }).path;
        let path: PropertyKey[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split('.') : [];
        if (argKey && path[0] === argKey) path = path.slice(1);
        issues.push({ path, message: String((it as { message: unknown }).message) });
      }
    }
  } else if (d && typeof d === 'object' && typeof (d as { field?: unknown }).field === 'string') {
    let path: PropertyKey[] = (d as { field: string }).field.split('.');
    if (argKey && path[0] === argKey) path = path.slice(1);
    issues.push({ path, message: err.message });
  }
  const errors = issuesToErrors(issues);
  if (Object.keys(errors).length === 0) errors._ = err.message;
  if (err.code === 'conflict' && !errors.name && /name|exists|duplicate/i.test(err.message) && errors._) {
    errors.name = errors._;
    delete errors._;
  }
  return errors;
}
