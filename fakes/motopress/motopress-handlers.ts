/**
 * msw handlers for `{site}/wp-json/mphb/v1/...`: they only translate HTTP <-> MotopressFake, in
 * WordPress' order: an injected fault (the internal `x-syncsim-fault` header set by gatedFetch,
 * answered as the host would and never passed on), authentication (keys, then OAuth 1.0a), route match
 * (`rest_no_route` 404 for unknown paths, methods and non-numeric ids), param validation (400
 * `rest_invalid_param`), the permission check (401 `mphb_rest_cannot_view` without a valid key;
 * an item that does not exist is a 404 before permissions are looked at), then the store.
 * `?rest_route=/mphb/v1/...` (plain permalinks) is served without key auth, so it answers 401.
 * Every answer carries WP's REST headers; lists add X-WP-Total, X-WP-TotalPages and Link.
 */
import { http, type HttpHandler } from 'msw';
import { checkAuth, keyAuthAllowed, WWW_AUTHENTICATE, type Identity } from './check-auth.ts';
import { parseCollectionParams, parseItemParams } from './collection-params.ts';
import { hostFaultResponse, isHostFault } from './host-fault-response.ts';
import type { MotopressFake } from './motopress-fake.ts';
import { BOOKING_STATUSES, type BookingStatus } from './motopress-records.ts';
import { queryPosts } from './query-posts.ts';
import {
  renderItem,
  RESOURCES,
  type Json,
  type RenderContext,
  type Resource,
  type ResourceName,
} from './render-motopress.ts';
import { idIsInvalid, invalidId, invalidParams, noRoute, saveError, WpError } from './wp-error.ts';

/** Internal header carrying the fault decided inside the gate; never reaches the store. */
export const FAULT_HEADER = 'x-syncsim-fault';
export const DEFAULT_SITE_URL = 'https://hotel.fake';
const NS = '/mphb/v1';

export interface MotopressHandlerOptions {
  /** Honour the fault header (default true; the standalone server turns it off). */
  acceptFaults?: boolean;
  /** `Retry-After` of an injected 429, in seconds (default 30). */
  retryAfterSeconds?: number;
}

/** Registered sub-collections the fake keeps empty (services, terms, coupons, seasons). */
const EMPTY_COLLECTIONS = new Set([
  'accommodation_types/services',
  'accommodation_types/categories',
  'accommodation_types/tags',
  'accommodation_types/amenities',
  'accommodation_types/attributes',
  'accommodation_types/images',
  'coupons',
  'seasons',
]);

export function motopressHandlers(
  fake: MotopressFake,
  siteUrl: string = DEFAULT_SITE_URL,
  options: MotopressHandlerOptions = {},
): HttpHandler[] {
  const site = siteUrl.replace(/\/+$/, '');
  const plain = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const route = url.searchParams.get('rest_route');
    if (route === null)
      return new Response('<!DOCTYPE html><html><body>syncsim MotoPress fake</body></html>', {
        headers: { 'Content-Type': 'text/html; charset=UTF-8' },
      });
    return answerMotopress(fake, request, site, route, false, options);
  };
  return [
    http.all(`${site}/wp-json/*`, ({ request }) =>
      answerMotopress(fake, request, site, new URL(request.url).pathname.replace(/^\/wp-json/, ''), true, options),
    ),
    http.all(`${site}/`, plain),
    http.all(`${site}/index.php`, plain),
  ];
}

/** One request, from the raw Request to the Response (also used by the standalone server). */
export async function answerMotopress(
  fake: MotopressFake,
  request: Request,
  site: string,
  rawPath: string,
  keyAuth: boolean,
  options: MotopressHandlerOptions = {},
): Promise<Response> {
  const fault = options.acceptFaults === false ? null : request.headers.get(FAULT_HEADER);
  if (fault && isHostFault(fault)) return hostFaultResponse(fault, options.retryAfterSeconds);
  const url = new URL(request.url);
  const path = `/${rawPath.replace(/^\/+|\/+$/g, '')}`;
  const headers = restHeaders(site);
  const offered =
    keyAuthAllowed(fake, url) &&
    (url.searchParams.has('consumer_key') || /^Basic\s/i.test(request.headers.get('authorization') ?? ''));
  try {
    const identity: Identity =
      keyAuth && path.startsWith('/mphb/') ? await checkAuth(fake, request, url, site) : { kind: 'anonymous' };
    return await route(
      fake,
      request,
      url,
      path,
      identity,
      { store: fake.store, ns: `${site}/wp-json${NS}`, context: 'view' },
      headers,
    );
  } catch (error) {
    if (!(error instanceof WpError)) throw error;
    for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
    if (error.status === 401 && offered && keyAuth) headers.set('WWW-Authenticate', WWW_AUTHENTICATE);
    return json(error.body(), error.status, headers);
  }
}

async function route(
  fake: MotopressFake,
  request: Request,
  url: URL,
  path: string,
  identity: Identity,
  ctx: RenderContext,
  headers: Headers,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const read = method === 'GET' || method === 'HEAD';
  const write = method === 'POST' || method === 'PUT' || method === 'PATCH';
  if (path === NS && read) return json(namespaceIndex(ctx.ns), 200, headers);
  if (!path.startsWith(`${NS}/`)) throw noRoute();
  const rest = path.slice(NS.length + 1);

  if (EMPTY_COLLECTIONS.has(rest) && read) {
    const params = parseCollectionParams(url);
    requireUser(identity, 'list');
    return listResponse([], 0, params.page, url, path, ctx, headers);
  }
  if (rest === 'bookings/availability' && read) throw notImplemented(method, path);
  const m = /^([a-z_]+)(?:\/(\d+|batch))?$/.exec(rest);
  const resource = m && m[1]! in RESOURCES ? (RESOURCES[m[1] as ResourceName] as Resource<unknown>) : undefined;
  if (!m || !resource) throw noRoute();
  const idPart = m[2];

  if (idPart === undefined) {
    if (method === 'POST') throw notImplemented(method, path);
    if (!read) throw noRoute();
    headers.set('Allow', 'GET, POST');
    const params = parseCollectionParams(url);
    requireUser(identity, 'list');
    const result = queryPosts(resource.all(ctx.store), params, resource.adapter(ctx.store));
    const itemCtx = { ...ctx, context: params.context };
    const cache = new Map<string, unknown>();
    const body = result.items.map((item) => renderItem(resource, item, itemCtx, params.embed, cache));
    headers.set('X-WP-Total', String(result.total));
    headers.set('X-WP-TotalPages', String(result.totalPages));
    return listResponse(body, result.totalPages, params.page, url, path, ctx, headers);
  }
  if (idPart === 'batch') {
    if (write) throw notImplemented(method, path);
    throw noRoute();
  }

  const id = Number(idPart);
  headers.set('Allow', 'GET, POST, PUT, PATCH, DELETE');
  if (read) {
    const params = parseItemParams(url);
    const item = resource.get(ctx.store, id);
    if (item === undefined) throw invalidId(resource.postType);
    requireUser(identity, 'view');
    return json(renderItem(resource, item, { ...ctx, context: params.context }, params.embed), 200, headers);
  }
  if (write) {
    if (resource.base !== 'bookings') throw notImplemented(method, path);
    const booking = fake.store.bookings.get(id);
    if (!booking) throw idIsInvalid(resource.postType, 400);
    requireUser(identity, 'edit');
    const body = await readBody(request);
    if (body.status !== undefined) {
      if (typeof body.status !== 'string' || !(BOOKING_STATUSES as readonly string[]).includes(body.status)) {
        throw invalidParams([
          {
            param: 'status',
            code: 'rest_not_in_enum',
            message: `status is not one of ${BOOKING_STATUSES.slice(0, -1).join(', ')}, and cancelled.`,
          },
        ]);
      }
      if (booking.imported)
        throw saveError(
          'You cannot edit the imported booking. Please remember that the booking will be updated during the next synchronization.',
        );
      fake.store.setBookingStatus(id, body.status as BookingStatus);
    }
    return json(renderItem(resource, booking, ctx, undefined), 200, headers);
  }
  if (method === 'DELETE') {
    if (resource.base !== 'bookings' && resource.base !== 'accommodations') throw notImplemented(method, path);
    const item = resource.get(ctx.store, id);
    if (item === undefined) throw idIsInvalid(resource.postType, 404);
    requireUser(identity, 'delete');
    const force = ['1', 'true'].includes(url.searchParams.get('force') ?? '');
    if (force) {
      const previous = renderItem(resource, item, ctx, undefined);
      if (resource.base === 'bookings') fake.store.deleteBooking(id);
      else fake.store.removeAccommodation(id);
      return json({ deleted: true, previous }, 200, headers);
    }
    const trashed = resource.base === 'bookings' ? fake.store.trashBooking(id) : fake.store.trashAccommodation(id);
    return json(renderItem(resource, trashed, ctx, undefined), 200, headers);
  }
  throw noRoute();
}

/** Without a valid key there is no user: 401 (403 would mean a user lacking the capability). */
function requireUser(identity: Identity, action: 'list' | 'view' | 'edit' | 'delete'): void {
  if (identity.kind === 'key') return;
  switch (action) {
    case 'list':
      throw new WpError(401, 'mphb_rest_cannot_view', 'Sorry, you cannot list resources.');
    case 'view':
      throw new WpError(401, 'mphb_rest_cannot_view', 'Sorry, you cannot view this resource.');
    case 'edit':
      throw new WpError(401, 'mphb_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.');
    case 'delete':
      throw new WpError(401, 'mphb_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.');
  }
}

/** The body plus `Link` prev/next: the request URL with every original param and `page` replaced. */
function listResponse(
  body: unknown[],
  totalPages: number,
  page: number,
  url: URL,
  path: string,
  ctx: RenderContext,
  headers: Headers,
): Response {
  if (!headers.has('X-WP-Total')) {
    headers.set('X-WP-Total', '0');
    headers.set('X-WP-TotalPages', '0');
  }
  const base = `${ctx.ns.slice(0, -NS.length)}${path}`;
  const pageLink = (n: number) => {
    const params = new URLSearchParams(url.searchParams);
    params.delete('rest_route');
    params.set('page', String(n));
    return `${base}?${params.toString()}`;
  };
  if (page > 1) headers.append('Link', `<${pageLink(Math.min(page - 1, Math.max(totalPages, 1)))}>; rel="prev"`);
  if (totalPages > page) headers.append('Link', `<${pageLink(page + 1)}>; rel="next"`);
  return json(body, 200, headers);
}

function restHeaders(site: string): Headers {
  const headers = new Headers({
    'Content-Type': 'application/json; charset=UTF-8',
    'X-Robots-Tag': 'noindex',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
    'Access-Control-Allow-Headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
  });
  headers.append('Link', `<${site}/wp-json/>; rel="https://api.w.org/"`);
  return headers;
}

function json(body: unknown, status: number, headers: Headers): Response {
  return new Response(JSON.stringify(body), { status, headers });
}

function notImplemented(method: string, path: string): WpError {
  return new WpError(
    501,
    'syncsim_not_implemented',
    `The MotoPress fake does not implement ${method} ${path} (use the store's admin methods).`,
  );
}

async function readBody(request: Request): Promise<Json> {
  const text = await request.text();
  if (text === '') return {};
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : {};
  } catch {
    throw new WpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
  }
}

function namespaceIndex(ns: string): Json {
  const routes: Record<string, unknown> = {
    [NS]: { namespace: 'mphb/v1', methods: ['GET'], endpoints: [{ methods: ['GET'], args: {} }] },
  };
  for (const base of Object.keys(RESOURCES)) {
    routes[`${NS}/${base}`] = {
      namespace: 'mphb/v1',
      methods: ['GET', 'POST'],
      endpoints: [
        { methods: ['GET'], args: {} },
        { methods: ['POST'], args: {} },
      ],
    };
    routes[`${NS}/${base}/(?P<id>[\\d]+)`] = {
      namespace: 'mphb/v1',
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      endpoints: [],
    };
  }
  return { namespace: 'mphb/v1', routes, _links: { up: [{ href: ns.replace(/mphb\/v1$/, '') }] } };
}
