// Shares typed by a person (max_utilization): a fraction (0.8) or a percent (80, "80%"), the way
// the UI shows it. Unambiguous reading: a value written with % or above 1 is a percent; 1 is 100 %.
export function readShare(raw: string): number | null {
  const text = raw.trim().replace(/_/g, '');
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1).trim() : text);
  if (text === '' || !Number.isFinite(n)) return null;
  return percent || n > 1 ? n / 100 : n;
}
