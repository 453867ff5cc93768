/**
 * msw handlers for `{site}/wp-json/mphb/v1/...`: they only translate HTTP <-> MotopressFake, as a
 * route table (ROUTES) whose handlers parse, call the store and render; the plugin's rules (what
 * may be edited, availability, trash) are the store's. Per request, in WordPress' order: an injected fault (the internal `x-syncsim-fault` header set by gatedFetch,
 * answered as the host would and never passed on), authentication (keys, then OAuth 1.0a), route match
 * (`rest_no_route` 404 for unknown paths, methods and non-numeric ids), param validation (400
 * `rest_invalid_param`), the permission check (401 `mphb_rest_cannot_view` without a valid key;
 * an item that does not exist is a 404 before permissions are looked at), then the store.
 * `?rest_route=/mphb/v1/...` (plain permalinks) is served without key auth, so it answers 401.
 * Every answer carries WP's REST headers; lists add X-WP-Total, X-WP-TotalPages and Link.
 */
import { http, type HttpHandler } from 'msw';
import { withDirectRoute } from '../direct-route.ts';
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
import { idIsInvalid, invalidId, invalidParams, noRoute, WpError } from './wp-error.ts';

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
  const { origin, pathname } = new URL(site);
  // '' for a site at the root; WordPress in a subdirectory serves /{dir}/wp-json/...
  const sitePath = pathname.replace(/\/+$/, '');
  const rest = (request: Request, url: URL) =>
    answerMotopress(fake, request, site, url.pathname.slice(sitePath.length).replace(/^\/wp-json/, ''), true, options);
  const plain = (request: Request, url: URL) => {
    const route = url.searchParams.get('rest_route');
    if (route === null)
      return new Response('<!DOCTYPE html><html><body>syncsim MotoPress fake</body></html>', {
        headers: { 'Content-Type': 'text/html; charset=UTF-8' },
      });
    return answerMotopress(fake, request, site, route, false, options);
  };
  const handlers = [
    http.all(`${site}/wp-json/*`, ({ request }) => rest(request, new URL(request.url))),
    http.all(`${site}/`, ({ request }) => plain(request, new URL(request.url))),
    http.all(`${site}/index.php`, ({ request }) => plain(request, new URL(request.url))),
  ];
  // The same three routes, claimed only as msw matches them for sure (exact case, no extra slash).
  return withDirectRoute(handlers, {
    origin,
    answer: (request, url) => {
      const tail = url.pathname.startsWith(`${sitePath}/`) ? url.pathname.slice(sitePath.length) : undefined;
      if (tail?.startsWith('/wp-json/')) return rest(request, url);
      if (tail === '/' || tail === '/index.php') return plain(request, url);
      return undefined;
    },
  });
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
  if (fault === 'http-truncated-json') return truncatedAnswer(fake, request, site, rawPath, keyAuth);
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

/**
 * `http-truncated-json`: the body stops mid-document (PHP killed by its time or memory limit
 * while echoing, a proxy's buffer cut) with the status and headers already sent. A read is
 * answered for real and cut; a write is never applied (WordPress died before it), and the
 * output cut short is then WordPress' fatal-error JSON (with its 500).
 */
async function truncatedAnswer(
  fake: MotopressFake,
  request: Request,
  site: string,
  rawPath: string,
  keyAuth: boolean,
): Promise<Response> {
  const read = READ.includes(request.method.toUpperCase() as Method);
  const whole = read
    ? await answerMotopress(fake, stripFault(request), site, rawPath, keyAuth)
    : hostFaultResponse('http-500');
  const text = await whole.text();
  // A strict prefix of a JSON array or object never parses: its closing bracket is missing.
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
    status: whole.status,
    headers: whole.headers,
  });
}

function stripFault(request: Request): Request {
  const clean = new Request(request);
  clean.headers.delete(FAULT_HEADER);
  return clean;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const READ: readonly Method[] = ['GET', 'HEAD'];
const WRITE: readonly Method[] = ['POST', 'PUT', 'PATCH'];

/** What a route's handler gets: the request as parsed so far, and the headers it answers with. */
interface RouteCall {
  fake: MotopressFake;
  request: Request;
  url: URL;
  path: string;
  method: Method;
  identity: Identity;
  ctx: RenderContext;
  headers: Headers;
  /** The resource the path names (`bookings`, ...), for the resource routes. */
  resource: Resource<unknown>;
  /** The numeric id, for the item routes. */
  id: number;
}

interface Route {
  /** Matched against the path below /mphb/v1/; the first group names the resource, the second the id. */
  pattern: RegExp;
  /** The methods this route answers; another method falls through to the next route. */
  methods: readonly Method[];
  /** `Allow` set as soon as the path matches, whatever the method (WordPress does it so). */
  allow?: string;
  /** Only for these resources (default: every resource the path names). */
  resources?: readonly string[];
  /** A fixed path that names no resource (the kept-empty sub-collections, availability). */
  fixed?: boolean;
  handle(call: RouteCall): Promise<Response> | Response;
}

const collection = /^([a-z_]+)$/;
const item = /^([a-z_]+)\/(\d+)$/;
const emptyCollection = new RegExp(`^(${[...EMPTY_COLLECTIONS].join('|')})$`);

// In WordPress's order of registration: the first route whose path, resource and method fit answers.
const ROUTES: readonly Route[] = [
  {
    pattern: emptyCollection,
    fixed: true,
    methods: READ,
    handle: ({ url, path, identity, ctx, headers }) => {
      const params = parseCollectionParams(url);
      requireUser(identity, 'list');
      return listResponse([], 0, params.page, url, path, ctx, headers);
    },
  },
  {
    pattern: /^bookings\/availability$/,
    fixed: true,
    methods: READ,
    handle: ({ method, path }) => {
      throw notImplemented(method, path);
    },
  },
  {
    pattern: collection,
    methods: ['POST'],
    handle: ({ method, path }) => {
      throw notImplemented(method, path);
    },
  },
  {
    pattern: collection,
    methods: READ,
    handle: ({ url, path, identity, ctx, headers, resource }) => {
      headers.set('Allow', 'GET, POST');
      const params = parseCollectionParams(url);
      requireUser(identity, 'list');
      const result = queryPosts(resource.all(ctx.store), params, resource.adapter(ctx.store));
      const itemCtx = { ...ctx, context: params.context };
      const cache = new Map<string, unknown>();
      const body = result.items.map((post) => renderItem(resource, post, itemCtx, params.embed, cache));
      headers.set('X-WP-Total', String(result.total));
      headers.set('X-WP-TotalPages', String(result.totalPages));
      return listResponse(body, result.totalPages, params.page, url, path, ctx, headers);
    },
  },
  {
    pattern: /^([a-z_]+)\/batch$/,
    methods: WRITE,
    handle: ({ method, path }) => {
      throw notImplemented(method, path);
    },
  },
  {
    pattern: item,
    allow: 'GET, POST, PUT, PATCH, DELETE',
    methods: READ,
    handle: ({ url, identity, ctx, headers, resource, id }) => {
      const params = parseItemParams(url);
      const post = resource.get(ctx.store, id);
      if (post === undefined) throw invalidId(resource.postType);
      requireUser(identity, 'view');
      return json(renderItem(resource, post, { ...ctx, context: params.context }, params.embed), 200, headers);
    },
  },
  {
    pattern: item,
    allow: 'GET, POST, PUT, PATCH, DELETE',
    methods: WRITE,
    resources: ['bookings'],
    handle: async ({ fake, request, identity, ctx, headers, resource, id }) => {
      if (!fake.store.bookings.has(id)) throw idIsInvalid(resource.postType, 400);
      requireUser(identity, 'edit');
      const status = parseBookingStatus(await readBody(request));
      const booking = status === undefined ? fake.store.bookings.get(id)! : fake.store.editBookingStatus(id, status);
      return json(renderItem(resource, booking, ctx, undefined), 200, headers);
    },
  },
  {
    pattern: item,
    allow: 'GET, POST, PUT, PATCH, DELETE',
    methods: ['DELETE'],
    resources: ['bookings', 'accommodations'],
    handle: ({ fake, url, identity, ctx, headers, resource, id }) => {
      const post = resource.get(ctx.store, id);
      if (post === undefined) throw idIsInvalid(resource.postType, 404);
      requireUser(identity, 'delete');
      const force = ['1', 'true'].includes(url.searchParams.get('force') ?? '');
      const bookings = resource.base === 'bookings';
      if (force) {
        const previous = renderItem(resource, post, ctx, undefined);
        if (bookings) fake.store.deleteBooking(id);
        else fake.store.removeAccommodation(id);
        return json({ deleted: true, previous }, 200, headers);
      }
      const trashed = bookings ? fake.store.trashBooking(id) : fake.store.trashAccommodation(id);
      return json(renderItem(resource, trashed, ctx, undefined), 200, headers);
    },
  },
  {
    // The item methods of the resources the fake keeps read-only (WordPress has the route).
    pattern: item,
    allow: 'GET, POST, PUT, PATCH, DELETE',
    methods: [...WRITE, 'DELETE'],
    handle: ({ method, path }) => {
      throw notImplemented(method, path);
    },
  },
];

async function route(
  fake: MotopressFake,
  request: Request,
  url: URL,
  path: string,
  identity: Identity,
  ctx: RenderContext,
  headers: Headers,
): Promise<Response> {
  const method = request.method.toUpperCase() as Method;
  if (path === NS && READ.includes(method)) return json(namespaceIndex(ctx.ns), 200, headers);
  if (!path.startsWith(`${NS}/`)) throw noRoute();
  const rest = path.slice(NS.length + 1);
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(rest);
    if (!match) continue;
    const name = candidate.fixed ? '' : (match[1] ?? '');
    const resource = name in RESOURCES ? (RESOURCES[name as ResourceName] as Resource<unknown>) : undefined;
    // A path that names something the plugin does not register is no route, whatever the method.
    if (!resource && !candidate.fixed) throw noRoute();
    if (candidate.allow) headers.set('Allow', candidate.allow);
    if (!candidate.methods.includes(method)) continue;
    if (candidate.resources && !candidate.resources.includes(resource?.base ?? '')) continue;
    const id = Number(match[2]);
    return candidate.handle({ fake, request, url, path, method, identity, ctx, headers, resource: resource!, id });
  }
  throw noRoute();
}

/** The `status` of a PUT/PATCH body: absent, or one of the plugin's statuses (400 otherwise). */
function parseBookingStatus(body: Json): BookingStatus | undefined {
  if (body.status === undefined) return undefined;
  if (typeof body.status === 'string' && (BOOKING_STATUSES as readonly string[]).includes(body.status))
    return body.status as BookingStatus;
  throw invalidParams([
    {
      param: 'status',
      code: 'rest_not_in_enum',
      message: `status is not one of ${BOOKING_STATUSES.slice(0, -1).join(', ')}, and cancelled.`,
    },
  ]);
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
