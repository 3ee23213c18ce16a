// Where a name or identifier in a report table may wrap: after a hyphen, underscore, the "|" of a
// model list, or a dot followed by a non-digit; never inside a word or a decimal number. The report
// table puts a <wbr> between the parts.

/** "hq-server-room" → ["hq-", "server-", "room"]; joining the parts gives the text back. */
export function breakParts(text: string): string[] {
  return text.split(/(?<=[-_|]|\.(?=\D))/);
}
