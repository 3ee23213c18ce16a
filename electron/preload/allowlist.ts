// The preload's checks, kept free of 'electron' so they are unit-tested: the API allowlist
// arrives from main as --fleet-api=a,b,c in process.argv (like VS Code's window config), and a
// call is forwarded only when its name is on it (VS Code: validateIPC).
export const IPC_PREFIX = 'app:';
const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

export function parseAllowlist(argv: readonly string[]): ReadonlySet<string> {
  const arg = argv.find((a) => a.startsWith('--fleet-api='));
  const names = (arg?.slice('--fleet-api='.length) ?? '').split(',').filter((n) => NAME_RE.test(n));
  return new Set(names);
}

/** The IPC channel for an API name, or an Error for anything not on the allowlist. */
export function channelFor(name: unknown, allow: ReadonlySet<string>): string | Error {
  if (typeof name !== 'string' || !NAME_RE.test(name) || !allow.has(name)) {
    return new Error(`Unsupported API call '${String(name)}'`);
  }
  return IPC_PREFIX + name;
}
