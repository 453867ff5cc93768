/**
 * The GET-list query params of mphb/v1 (WP_REST_Controller + the plugin's
 * get_collection_params), validated as WordPress does BEFORE the permission check: a bad
 * `per_page`, `page`, `order`, `orderby`, `offset`, `context` or date answers 400
 * `rest_invalid_param` with WP's per-param messages. Anything else is ignored without an
 * error, including `status`, `date_from`, `modified_after` and other params the plugin lacks.
 */
import { invalidParams } from './wp-error.ts';

export const ORDERBY = ['date', 'id', 'include', 'title', 'slug', 'modified'] as const;
export type OrderBy = (typeof ORDERBY)[number];
const CONTEXTS = ['view', 'embed', 'edit'] as const;
export type Context = (typeof CONTEXTS)[number];

export interface MetaClause {
  key: string;
  compare: string;
  value: string;
}

export interface CollectionParams {
  context: Context;
  page: number;
  perPage: number;
  offset: number | undefined;
  order: 'asc' | 'desc';
  orderby: OrderBy;
  include: number[];
  exclude: number[];
  search: string;
  /** Normalised site-local `Y-m-d\TH:i:s` bounds on post_date (exclusive). */
  after: string | undefined;
  before: string | undefined;
  /** `filter[post_status]` (CSV), undefined when absent. */
  postStatus: string[] | undefined;
  metaQuery: { relation: 'AND' | 'OR'; clauses: MetaClause[] };
  /** `_embed`: true (all rels), a rel list, or undefined. */
  embed: true | string[] | undefined;
}

type Problem = { param: string; code: string; message: string };

/** `context` and `_embed` only: what item routes accept. */
export function parseItemParams(url: URL): { context: Context; embed: true | string[] | undefined } {
  const problems: Problem[] = [];
  const context = parseContext(url, problems);
  if (problems.length > 0) throw invalidParams(problems);
  return { context, embed: parseEmbed(url) };
}

export function parseCollectionParams(url: URL): CollectionParams {
  const q = url.searchParams;
  const problems: Problem[] = [];
  const context = parseContext(url, problems);
  const page = integer(q, 'page', 1, problems, { min: 1 });
  const perPage = integer(q, 'per_page', 10, problems, { min: 1, max: 100 });
  const offset = q.has('offset') ? integer(q, 'offset', 0, problems, {}) : undefined;
  const order = enumParam(q, 'order', ['asc', 'desc'] as const, 'desc', problems);
  const orderby = enumParam(q, 'orderby', ORDERBY, 'date', problems);
  const include = idList(q, 'include', problems);
  const exclude = idList(q, 'exclude', problems);
  const after = dateParam(q, 'after', 'T23:59:59', problems);
  const before = dateParam(q, 'before', 'T00:00:00', problems);
  if (problems.length > 0) throw invalidParams(problems);
  const status = q.get('filter[post_status]');
  return {
    context,
    page,
    perPage,
    offset,
    order,
    orderby,
    include,
    exclude,
    search: q.get('search') ?? '',
    after,
    before,
    postStatus:
      status === null
        ? undefined
        : status
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    metaQuery: parseMetaQuery(q),
    embed: parseEmbed(url),
  };
}

/** WP `rest_parse_embed_param`: empty, `1` or `true` = everything; otherwise a list of rels. */
export function parseEmbed(url: URL): true | string[] | undefined {
  const q = url.searchParams;
  if (!q.has('_embed')) return undefined;
  const value = q.getAll('_embed').join(',');
  if (value === '' || value === '1' || value === 'true') return true;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseContext(url: URL, problems: Problem[]): Context {
  return enumParam(url.searchParams, 'context', CONTEXTS, 'view', problems);
}

function integer(
  q: URLSearchParams,
  name: string,
  fallback: number,
  problems: Problem[],
  bounds: { min?: number; max?: number },
): number {
  const raw = q.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    problems.push({ param: name, code: 'rest_invalid_type', message: `${name} is not of type integer.` });
    return fallback;
  }
  const n = Number(raw);
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined && (n < min || n > max)) {
    problems.push({
      param: name,
      code: 'rest_out_of_bounds',
      message: `${name} must be between ${min} (inclusive) and ${max} (inclusive)`,
    });
  } else if (min !== undefined && n < min) {
    problems.push({
      param: name,
      code: 'rest_out_of_bounds',
      message: `${name} must be greater than or equal to ${min}`,
    });
  }
  return n;
}

function enumParam<T extends string>(
  q: URLSearchParams,
  name: string,
  values: readonly T[],
  fallback: T,
  problems: Problem[],
): T {
  const raw = q.get(name);
  if (raw === null) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  problems.push({ param: name, code: 'rest_not_in_enum', message: `${name} is not one of ${wpList(values)}.` });
  return fallback;
}

/** `wp_parse_id_list`: a CSV or repeated values; non-numeric parts become 0 and are dropped. */
function idList(q: URLSearchParams, name: string, _problems: Problem[]): number[] {
  const all = [...q.getAll(name), ...q.getAll(`${name}[]`)];
  return [
    ...new Set(
      all
        .flatMap((v) => v.split(/[\s,]+/))
        .map((s) => Math.abs(Number.parseInt(s, 10)) || 0)
        .filter((n) => n > 0),
    ),
  ];
}

/** `after`/`before` (declared `format: date`); a bare date widens as WP_Date_Query does for exclusive bounds. */
function dateParam(q: URLSearchParams, name: string, timeIfDateOnly: string, problems: Problem[]): string | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?/.exec(raw);
  if (!m) {
    problems.push({ param: name, code: 'rest_invalid_date', message: 'Invalid date.' });
    return undefined;
  }
  // A trailing offset (Z, +02:00) is ignored: post_date is compared in site-local time.
  return `${m[1]}${m[2] ? `T${m[2]}` : timeIfDateOnly}`;
}

/** `filter[meta_query][N][key|compare|value]` plus `filter[meta_query][relation]`. */
function parseMetaQuery(q: URLSearchParams): CollectionParams['metaQuery'] {
  const byIndex = new Map<string, Partial<MetaClause>>();
  let relation: 'AND' | 'OR' = 'AND';
  for (const [name, value] of q) {
    if (name === 'filter[meta_query][relation]') {
      relation = value.toUpperCase() === 'OR' ? 'OR' : 'AND';
      continue;
    }
    const m = /^filter\[meta_query\]\[(\w+)\]\[(key|compare|value)\]$/.exec(name);
    if (!m) continue;
    const clause = byIndex.get(m[1]!) ?? {};
    clause[m[2] as keyof MetaClause] = value;
    byIndex.set(m[1]!, clause);
  }
  const clauses = [...byIndex.values()]
    .filter((c): c is Partial<MetaClause> & { key: string } => typeof c.key === 'string')
    .map((c) => ({ key: c.key, compare: (c.compare ?? '=').toUpperCase(), value: c.value ?? '' }));
  return { relation, clauses };
}

/** `wp_sprintf_l`: "a and b", "a, b, and c". */
function wpList(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' and ');
  return `${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}`;
}
