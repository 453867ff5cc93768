/**
 * Stream's query filter language over a flat document (a channel or a user as the query sees
 * it): `{field: value}` (= `$eq`), `$eq $ne $in $nin $gt $gte $lt $lte $exists $contains`, and
 * the logical `$and $or $nor`. Semantics honoured:
 * - an array-valued field (channel `members`, user `teams`, a custom array) matches `$eq`/`$in`
 *   when ANY element matches; `$ne`/`$nin` are their negations;
 * - a missing field matches `$ne`/`$nin` and `$exists: false`, nothing else;
 * - date fields (listed by the caller) compare as instants, whatever ISO string form is sent;
 * - `$in` with values of the wrong type matches nothing (no error), like Stream;
 * - malformed filters are input errors (code 4) with Stream's texts where known.
 */
import { inputError } from './stream-error.ts';

export type FilterDoc = Readonly<Record<string, unknown>>;

export interface FilterOptions {
  /** Fields holding instants (ms since epoch in the document). */
  dateFields: ReadonlySet<string>;
  /** Fields that must be compared as strings (Stream rejects other types). */
  stringFields?: ReadonlySet<string>;
}

const FIELD_OPS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists', '$contains']);

export function matchesFilter(doc: FilterDoc, filter: unknown, options: FilterOptions): boolean {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter))
    throw inputError('filter_conditions must be an object');
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (!matchesEntry(doc, key, condition, options)) return false;
  }
  return true;
}

function matchesEntry(doc: FilterDoc, key: string, condition: unknown, options: FilterOptions): boolean {
  if (key === '$and' || key === '$or' || key === '$nor') {
    if (!Array.isArray(condition) || condition.length === 0)
      throw inputError(`${key} operator expects a non-empty array`);
    const results = condition.map((sub) => matchesFilter(doc, sub, options));
    if (key === '$and') return results.every(Boolean);
    if (key === '$or') return results.some(Boolean);
    return !results.some(Boolean);
  }
  if (key.startsWith('$')) throw inputError(`unknown operator ${key}`);
  const operators = isOperatorObject(condition) ? (condition as Record<string, unknown>) : { $eq: condition };
  for (const [op, operand] of Object.entries(operators)) {
    if (!FIELD_OPS.has(op)) throw inputError(`operator ${op} is not supported`);
    checkType(key, op, operand, options);
    if (!matchesOperator(doc[key], key in doc && doc[key] !== undefined, op, operand, key, options)) return false;
  }
  return true;
}

function isOperatorObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function checkType(key: string, op: string, operand: unknown, options: FilterOptions): void {
  if (op === '$exists' && typeof operand !== 'boolean')
    throw inputError('$exists operator only support boolean values');
  if ((op === '$in' || op === '$nin') && !Array.isArray(operand))
    throw inputError(`operator ${op} expects an array of values`);
  if (options.stringFields?.has(key) && (op === '$eq' || op === '$ne') && typeof operand !== 'string') {
    throw inputError(`field \`${key}\` contains type ${typeof operand}. expecting string`);
  }
}

function matchesOperator(
  value: unknown,
  present: boolean,
  op: string,
  operand: unknown,
  key: string,
  options: FilterOptions,
): boolean {
  const isDate = options.dateFields.has(key);
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  const eq = (a: unknown, b: unknown) => equal(a, b, isDate);
  switch (op) {
    case '$exists':
      return present === operand;
    case '$eq':
      return present && (equal(value, operand, isDate) || (Array.isArray(value) && values.some((v) => eq(v, operand))));
    case '$ne':
      return (
        !present || !(equal(value, operand, isDate) || (Array.isArray(value) && values.some((v) => eq(v, operand))))
      );
    case '$in':
      return present && (operand as unknown[]).some((o) => values.some((v) => eq(v, o)));
    case '$nin':
      return !present || !(operand as unknown[]).some((o) => values.some((v) => eq(v, o)));
    case '$contains':
      return present && Array.isArray(value) && values.some((v) => eq(v, operand));
    default: {
      if (!present) return false;
      const cmp = compare(value, operand, isDate);
      if (cmp === undefined) return false;
      if (op === '$gt') return cmp > 0;
      if (op === '$gte') return cmp >= 0;
      if (op === '$lt') return cmp < 0;
      return cmp <= 0;
    }
  }
}

function toInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function equal(a: unknown, b: unknown, isDate: boolean): boolean {
  if (isDate) {
    const x = toInstant(a);
    return x !== undefined && x === toInstant(b);
  }
  if (a === b) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** Negative, zero or positive; undefined when the two cannot be ordered (different types). */
export function compare(a: unknown, b: unknown, isDate: boolean): number | undefined {
  if (isDate) {
    const x = toInstant(a);
    const y = toInstant(b);
    return x === undefined || y === undefined ? undefined : x - y;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}
