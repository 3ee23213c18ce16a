// Types shared by the generic components (DataTable, SchemaForm) and the views that feed them.

export type Column<T> = {
  id: string;
  label: string;
  /** shown after the label, e.g. "tok/s" */
  unit?: string;
  numeric?: boolean;
  /** CSS grid track, e.g. "minmax(160px, 2fr)" or "90px" */
  width: string;
  /** sort key and default text */
  value: (row: T) => string | number | null | undefined;
  /** display text (defaults to String(value)) */
  format?: (row: T) => string;
  title?: string;
};

export type SortState = { col: string; dir: 'asc' | 'desc' } | null;

export type FieldSpec = {
  key: string;
  label: string;
  type: 'text' | 'number' | 'select' | 'checkbox' | 'multi';
  unit?: string;
  hint?: string;
  /** select / multi choices */
  options?: readonly { value: string; label: string }[];
  /** multi only: the value is one string of the picked choices joined by this (e.g. `a|b`), kept in the order picked */
  joinWith?: string;
  /** what an empty box means: 'default' (leave out, schema default), 'null' (cleared), 'required' */
  empty?: 'default' | 'null' | 'required';
  /** suggestions for a text field */
  suggestions?: readonly string[];
  wide?: boolean;
  placeholder?: string;
  /** shown × scale, stored ÷ scale (a fraction shown as %: 100); range messages are scaled too */
  scale?: number;
  /** a non-blocking remark on a valid value (shown in amber instead of the hint) */
  warn?: (text: string) => string | undefined;
};

export type FormValues = Record<string, string | boolean | string[]>;
