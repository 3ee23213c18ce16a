// Shares typed by a person (max_utilization in `fleetplan set`): a fraction (0.8) or a percent
// (80, "80%"), the way the UI shows it. The number itself is read by the one rule for typed
// numbers (core/typed-number.ts). A value written with % is a percent; a bare value up to 1 is a
// share and from 10 up a percent; a bare value between 1 and 10 (2, 1.2) is neither a share nor a
// plausible utilisation percent — 2 may be 0.2, 2 % or a typo — so it is refused, not guessed.
import { readTypedNumber, type TypedNumber } from './typed-number.ts';

export function readShare(raw: string): TypedNumber | undefined {
  const n = readTypedNumber(raw);
  if (!n?.ok) return n;
  if (raw.trim().endsWith('%')) return { ok: true, value: n.value / 100 };
  if (n.value <= 1) return n;
  if (n.value >= 10) return { ok: true, value: n.value / 100 };
  return { ok: false, reason: `is above 1, the largest share, and too small for a likely percent: write a share (0 < u ≤ 1, e.g. 0.8) or a percent with % (${n.value}% or 80%)` };
}
