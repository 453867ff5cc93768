/**
 * Where two serialized end states part, as a path and both values (`rows[3].visits: 25 vs 32`),
 * so "end state differs from the uncrashed run's" says what differs without a reader diffing two
 * JSON dumps. Arrays are compared by position (the worlds sort their state), then by length; a
 * row is named by its first text field.
 */
export function firstStateDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  return walk('', JSON.parse(expected) as unknown, JSON.parse(actual) as unknown) ?? 'the serialized states differ';
}

const show = (value: unknown): string => {
  const text = value === undefined ? '(missing)' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function walk(path: string, a: unknown, b: unknown): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const found = walk(`${path}[${i}]${named(a[i])}`, a[i], b[i]);
      if (found !== undefined) return found;
    }
    return a.length === b.length ? undefined : `${path || '(top)'}.length: ${a.length} vs ${b.length}`;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const found = walk(path ? `${path}.${key}` : key, a[key], b[key]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : `${path || '(top)'}: ${show(a)} vs ${show(b)}`;
}

/** A row's first text field (`{page="/blog/a"}`), so `[1]` says which row without a lookup. */
function named(item: unknown): string {
  if (!isRecord(item)) return '';
  const key = Object.keys(item).find((k) => typeof item[k] === 'string');
  return key === undefined ? '' : `{${key}=${show(item[key])}}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
