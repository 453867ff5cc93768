/**
 * WP_Query as the list routes use it: status filter, include/exclude, search, created-date
 * bounds, a minimal meta_query, ordering, then paging. Returns the page and the totals exactly
 * as the plugin computes them: totals ignore `offset`; an empty page is recounted without
 * `paged` (so a page past the end is `200 []` with the real totals) but with the offset (so an
 * offset past the end reports a total of 0).
 *
 * Ties: WordPress orders by post_date alone, and MySQL returns ties in no promised order; the
 * fake breaks ties by ascending id so runs replay. Clients should sort by id and de-duplicate.
 */
import type { CollectionParams, MetaClause } from './collection-params.ts';

/** How one post type answers the generic query. */
export interface PostAdapter<T> {
  id(item: T): number;
  status(item: T): string;
  /** Statuses listed when `filter[post_status]` is absent. */
  defaultStatuses: readonly string[];
  /** Site-local post_date (`Y-m-d\TH:i:s`). */
  created(item: T): string;
  modified(item: T): number;
  title(item: T): string;
  matchesSearch(item: T, term: string): boolean;
  meta(item: T, key: string): string | undefined;
}

export interface QueryResult<T> {
  items: T[];
  total: number;
  totalPages: number;
}

export function queryPosts<T>(all: Iterable<T>, params: CollectionParams, adapter: PostAdapter<T>): QueryResult<T> {
  const statuses = params.postStatus ?? adapter.defaultStatuses;
  const include = new Set(params.include);
  const exclude = new Set(params.exclude);
  const matches = [...all].filter((item) => {
    const id = adapter.id(item);
    if (
      !statuses.includes(adapter.status(item)) &&
      !(params.postStatus?.includes('any') && adapter.status(item) !== 'trash')
    )
      return false;
    if (include.size > 0 && !include.has(id)) return false;
    if (exclude.has(id)) return false;
    if (params.search !== '' && !adapter.matchesSearch(item, params.search)) return false;
    const created = adapter.created(item);
    if (params.after !== undefined && !(created > params.after)) return false;
    if (params.before !== undefined && !(created < params.before)) return false;
    return matchesMeta(item, params.metaQuery, adapter);
  });
  const sorted = matches.sort(comparator(params, adapter));
  const start = params.offset ?? (params.page - 1) * params.perPage;
  const items = sorted.slice(start, start + params.perPage);
  let total = sorted.length;
  if (items.length === 0 && params.offset !== undefined && params.offset >= sorted.length) total = 0;
  return { items, total, totalPages: Math.ceil(total / params.perPage) };
}

function comparator<T>(params: CollectionParams, adapter: PostAdapter<T>): (a: T, b: T) => number {
  const dir = params.order === 'asc' ? 1 : -1;
  const byId = (a: T, b: T) => adapter.id(a) - adapter.id(b);
  const key = (a: T, b: T): number => {
    switch (params.orderby) {
      case 'id':
        return adapter.id(a) - adapter.id(b);
      case 'title':
        return cmp(adapter.title(a).toLowerCase(), adapter.title(b).toLowerCase());
      case 'slug':
        return cmp(slug(adapter.title(a)), slug(adapter.title(b)));
      case 'modified':
        return adapter.modified(a) - adapter.modified(b);
      case 'include': {
        // post__in order; without include WP falls back to date.
        if (params.include.length === 0) return cmp(adapter.created(a), adapter.created(b));
        return params.include.indexOf(adapter.id(a)) - params.include.indexOf(adapter.id(b));
      }
      default:
        return cmp(adapter.created(a), adapter.created(b));
    }
  };
  return (a, b) => {
    const primary = params.orderby === 'include' && params.include.length > 0 ? key(a, b) : key(a, b) * dir;
    return primary !== 0 ? primary : byId(a, b);
  };
}

function matchesMeta<T>(item: T, query: CollectionParams['metaQuery'], adapter: PostAdapter<T>): boolean {
  if (query.clauses.length === 0) return true;
  const results = query.clauses.map((clause) => matchesClause(adapter.meta(item, clause.key), clause));
  return query.relation === 'OR' ? results.some(Boolean) : results.every(Boolean);
}

function matchesClause(value: string | undefined, clause: MetaClause): boolean {
  switch (clause.compare) {
    case 'EXISTS':
      return value !== undefined && value !== '';
    case 'NOT EXISTS':
      return value === undefined || value === '';
    case 'BETWEEN': {
      const [low, high] = clause.value.split(',').map((s) => s.trim());
      return value !== undefined && low !== undefined && high !== undefined && value >= low && value <= high;
    }
    case '!=':
      return value !== undefined && value !== clause.value;
    case '>':
      return value !== undefined && value > clause.value;
    case '>=':
      return value !== undefined && value >= clause.value;
    case '<':
      return value !== undefined && value < clause.value;
    case '<=':
      return value !== undefined && value <= clause.value;
    default:
      return value === clause.value;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** sanitize_title, roughly: what `orderby=slug` sorts on. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/&[#a-z0-9]+;/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
