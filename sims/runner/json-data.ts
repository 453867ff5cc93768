/**
 * A generated input as JSON data, losslessly where JSON can say it: what `--json` carries next
 * to fast-check's printed form, so a tool reads the counterexample without parsing JavaScript.
 * Maps become arrays of [key, value], Sets arrays, Dates ISO strings, bigints decimal strings;
 * undefined becomes null (JSON has no undefined); a function or symbol its name.
 * (history.ts's `redact` is for operation arguments: it cuts long values on purpose.)
 */
export function jsonData(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (depth > 32) return '...';
  if (Array.isArray(value)) return value.map((item) => jsonData(item, depth + 1));
  if (value instanceof Map)
    return [...value].map(([key, item]) => [jsonData(key, depth + 1), jsonData(item, depth + 1)]);
  if (value instanceof Set) return [...value].map((item) => jsonData(item, depth + 1));
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonData(item, depth + 1)]));
  return typeof value === 'function' ? `[function ${value.name}]` : typeof value === 'symbol' ? value.toString() : null;
}
