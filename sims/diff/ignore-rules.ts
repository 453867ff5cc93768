/**
 * What a differential run ignores: paths (see state-paths.ts) a scenario declares noise, and
 * those the self-comparison measured. A rule is a path with array indices written `[*]`; `*`
 * elsewhere matches any run of characters (`pg.*.updated_at`, `fakes[*].bookings[*].modified`).
 */
export type IgnoreRules = ReadonlySet<string>;

/** A path with every index replaced by `[*]`: the noise rule a measured difference becomes. */
export function ruleOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

const compiled = new Map<string, RegExp>();

function regexOf(rule: string): RegExp {
  let regex = compiled.get(rule);
  if (!regex) {
    const escaped = rule.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    regex = new RegExp(`^${escaped}(?:$|[.[])`);
    compiled.set(rule, regex);
  }
  return regex;
}

/** True when `path` (or the object it is inside) is ignored by a rule. */
export function ignoredBy(rules: IgnoreRules, path: string): boolean {
  if (rules.size === 0) return false;
  const normal = ruleOf(path);
  for (const rule of rules) if (regexOf(rule).test(normal)) return true;
  return false;
}
