/**
 * `set`/`unset` with dotted keys (`channel_detail.topic`), as Stream's partial updates accept:
 * the nested key changes and its siblings are kept. Objects on the path are copied, never
 * mutated, so a record handed out earlier does not change under its holder.
 */
type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export function setPath(target: Obj, path: string, value: unknown): Obj {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const child = isObj(target[head]) ? target[head] : {};
  return { ...target, [head]: setPath(child, rest.join('.'), value) };
}

export function unsetPath(target: Obj, path: string): Obj {
  const [head, ...rest] = path.split('.');
  if (head === undefined || !(head in target)) return target;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = target;
    return kept;
  }
  const child = target[head];
  return isObj(child) ? { ...target, [head]: unsetPath(child, rest.join('.')) } : target;
}
