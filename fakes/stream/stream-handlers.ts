/**
 * msw handlers for the Stream Chat REST API: they only translate HTTP <-> StreamFake, as a route
 * table: parse the request (stream-requests.ts), call the store, render the records it returns
 * (stream-responses.ts). Per
 * request, in Stream's order: an injected fault (the `x-syncsim-fault` header set by
 * gateStreamClient), api_key, server JWT, the endpoint's rate limit, then the store. Every
 * answer carries the endpoint's X-RateLimit-* headers; errors use Stream's body and status.
 * Order matters: `/channels/{type}/query` must come before `/channels/{type}/{id}`.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { withDirectRoute } from '../direct-route.ts';
import { routePathMatcher, type RouteMatch } from '../route-path-matcher.ts';
import { streamErrorBody, StreamError } from './stream-error.ts';
import type { StreamFake } from './stream-fake.ts';
import { renderUser } from './render-stream.ts';
import { answerFaultResponse, cutShort, STREAM_ANSWER_FAULTS, unknownApiKey } from './stream-answer-faults.ts';
import {
  parseAppSettingsPatch,
  parseChannelPatch,
  parseChannelQuery,
  parseChannelUpdate,
  parseCids,
  parseDeleteUsers,
  parseGetOrCreate,
  parseMessage,
  parseMessagePagination,
  parseTruncate,
  parseUpsertUsers,
  parseUserPatches,
  parseUserQuery,
} from './stream-requests.ts';
import {
  appJson,
  channelJson,
  channelStateJson,
  membersJson,
  messageJson,
  taskJson,
  usersById,
} from './stream-responses.ts';
import { verifyServerToken } from './verify-server-token.ts';

/** Internal header carrying the fault decided inside the gate; never reaches the store. */
export const FAULT_HEADER = 'x-syncsim-fault';
export const DEFAULT_BASE_URL = 'https://stream.fake';

type Json = Record<string, unknown>;
type Params = Record<string, string | readonly string[] | undefined>;
interface Call {
  url: URL;
  params: Record<string, string>;
  body: Json;
}
type Operation = (call: Call) => { status?: number; body: Json };
interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  op: string;
  run: Operation;
  match: (pathname: string) => RouteMatch;
}

export interface StreamHandlerOptions {
  /** Honour the fault header (default true; the standalone server turns it off). */
  acceptFaults?: boolean;
}

export function streamHandlers(
  fake: StreamFake,
  baseUrl: string = DEFAULT_BASE_URL,
  options: StreamHandlerOptions = {},
): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const { origin, pathname } = new URL(base);
  const basePath = pathname.replace(/\/+$/, '');
  const store = fake.store;
  const acceptFaults = options.acceptFaults ?? true;
  const route = (method: 'get' | 'post' | 'patch' | 'delete', path: string, op: string, run: Operation): Route => ({
    method,
    path,
    op,
    run,
    match: routePathMatcher(`${basePath}${path}`),
  });
  const flag = (url: URL, name: string) => url.searchParams.get(name) === 'true';
  const getOrCreate = (type: string, id: string | undefined, body: Json) => {
    const page = parseMessagePagination(body);
    const { channel } = store.getOrCreateChannel(parseGetOrCreate(type, id, body));
    return channelStateJson(store, channel, page);
  };

  const routes = [
    route('get', '/app', 'GetApp', () => ({ body: { app: appJson(fake.app) } })),
    route('patch', '/app', 'UpdateApp', ({ body }) => {
      fake.app.update(parseAppSettingsPatch(body));
      return { body: {} };
    }),
    route('post', '/users', 'UpdateUsers', ({ body }) => ({
      status: 201,
      body: usersById(store.upsertUsers(parseUpsertUsers(body.users))),
    })),
    route('patch', '/users', 'UpdateUsersPartial', ({ body }) => ({
      body: usersById(store.partialUpdateUsers(parseUserPatches(body.users))),
    })),
    route('get', '/users', 'QueryUsers', ({ url }) => ({
      body: { users: store.queryUsers(parseUserQuery(url)).map(renderUser) },
    })),
    route('post', '/users/delete', 'DeleteUsers', ({ body }) => ({
      status: 201,
      body: { task_id: store.deleteUsers(parseDeleteUsers(body)).id },
    })),
    route('delete', '/users/:id', 'DeleteUser', ({ url, params }) => {
      // mark_messages_deleted is accepted; the fake keeps no per-user message state to mark.
      const { user, task } = store.deleteUser(params.id!, { hard: flag(url, 'hard_delete') });
      return { body: { user: renderUser(user), task_id: task.id } };
    }),
    route('post', '/channels', 'QueryChannels', ({ body }) => {
      const query = parseChannelQuery(body);
      const channels = store.queryChannels(query);
      return {
        status: 201,
        body: {
          channels: channels.map((c) => channelStateJson(store, c, { limit: query.messageLimit }, query.memberLimit)),
        },
      };
    }),
    route('post', '/channels/delete', 'DeleteChannels', ({ body }) => ({
      status: 201,
      body: { task_id: store.deleteChannels(parseCids(body.cids), body.hard_delete === true).id },
    })),
    route('get', '/tasks/:id', 'GetTask', ({ params }) => ({ body: taskJson(store.getTask(params.id!)) })),
    route('post', '/channels/:type/query', 'GetOrCreateChannel', ({ params, body }) => ({
      status: 201,
      body: getOrCreate(params.type!, undefined, body),
    })),
    route('post', '/channels/:type/:id/query', 'GetOrCreateChannel', ({ params, body }) => ({
      status: 201,
      body: getOrCreate(params.type!, params.id, body),
    })),
    route('post', '/channels/:type/:id/message', 'SendMessage', ({ params, body }) => ({
      status: 201,
      body: { message: messageJson(store, store.sendMessage(params.type!, params.id!, parseMessage(body.message))) },
    })),
    route('post', '/channels/:type/:id/truncate', 'TruncateChannel', ({ params, body }) => {
      const { channel, message } = store.truncateChannel(params.type!, params.id!, parseTruncate(body));
      return {
        status: 201,
        body: { channel: channelJson(store, channel), ...(message ? { message: messageJson(store, message) } : {}) },
      };
    }),
    route('post', '/channels/:type/:id', 'UpdateChannel', ({ params, body }) => {
      const { channel, message } = store.updateChannel(params.type!, params.id!, parseChannelUpdate(body));
      return {
        status: 201,
        body: {
          channel: channelJson(store, channel),
          members: membersJson(store, channel, 100),
          ...(message ? { message: messageJson(store, message) } : {}),
        },
      };
    }),
    route('patch', '/channels/:type/:id', 'UpdateChannelPartial', ({ params, body }) => {
      const channel = store.updateChannelPartial(params.type!, params.id!, parseChannelPatch(body));
      return { body: { channel: channelJson(store, channel), members: membersJson(store, channel, 100) } };
    }),
    route('delete', '/channels/:type/:id', 'DeleteChannel', ({ url, params }) => {
      const channel = store.deleteChannel(params.type!, params.id!, flag(url, 'hard_delete'));
      return { body: { channel: { ...channelJson(store, channel, false), created_by: null } } };
    }),
  ];
  const handlers = routes.map(({ method, path, op, run }) =>
    http[method](`${base}${path}`, ({ request, params }) => serve(fake, op, request, params, run, acceptFaults)),
  );
  // The same table in the same order, for the engine's direct path: the first route whose method
  // and path surely match, as msw would pick it; msw decides whenever a path is not sure.
  return withDirectRoute(handlers, {
    origin,
    answer: (request, url) => {
      const method = request.method.toLowerCase();
      for (const { method: routeMethod, op, run, match } of routes) {
        if (routeMethod !== method) continue;
        const params = match(url.pathname);
        if (params === 'no') continue;
        if (params === 'unsure') return undefined;
        return serve(fake, op, request, params, run, acceptFaults);
      }
      return undefined;
    },
  });
}

async function serve(
  fake: StreamFake,
  op: string,
  request: Request,
  rawParams: Params,
  run: Operation,
  acceptFaults: boolean,
): Promise<Response> {
  const response = await answer(fake, op, request, rawParams, run, acceptFaults);
  if (fake.roundTrip) await fake.roundTrip.sleep(fake.roundTrip.ms);
  return response;
}

async function answer(
  fake: StreamFake,
  op: string,
  request: Request,
  rawParams: Params,
  run: Operation,
  acceptFaults: boolean,
): Promise<Response> {
  const url = new URL(request.url);
  const fault = acceptFaults ? request.headers.get(FAULT_HEADER) : null;
  // The gate offers a cut body only on a pure read, so answering it for real changes nothing.
  if (fault === 'http-truncated-json') return cutShort(await answer(fake, op, request, rawParams, run, false));
  if (fault) return faultResponse(fault, op, fake);
  let rateHeaders: Record<string, string> = {};
  try {
    const key = url.searchParams.get('api_key');
    if (!key || key !== fake.apiKey) throw unknownApiKey();
    verifyServerToken(
      { authorization: request.headers.get('authorization'), authType: request.headers.get('stream-auth-type') },
      fake.apiSecret,
    );
    const verdict = fake.limiter.take(op);
    rateHeaders = verdict.headers;
    if (!verdict.allowed) throw new StreamError(429, 9, 'Too many requests, check response headers for more info.');
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawParams)) if (typeof v === 'string') params[k] = decodeURIComponent(v);
    const body = await readBody(request);
    const result = run({ url, params, body });
    return HttpResponse.json(
      { ...result.body, duration: '0.42ms' },
      { status: result.status ?? 200, headers: rateHeaders },
    );
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    const headers: Record<string, string> = { ...rateHeaders };
    if (error.status === 429)
      headers['Retry-After'] = String(
        Math.max(1, Number(rateHeaders['X-RateLimit-Reset']) - Math.floor(fake.now() / 1000)),
      );
    return HttpResponse.json(streamErrorBody(op, error), { status: error.status, headers });
  }
}

const isAnswerFault = (fault: string): fault is (typeof STREAM_ANSWER_FAULTS)[number] =>
  (STREAM_ANSWER_FAULTS as readonly string[]).includes(fault);

async function readBody(request: Request): Promise<Json> {
  const text = await request.text();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StreamError(400, 4, 'invalid JSON body');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new StreamError(400, 4, 'body must be a JSON object');
  return parsed as Json;
}

/** An injected fault as the real service (or the proxy in front of it) would answer it. */
function faultResponse(fault: string, op: string, fake: StreamFake): Response {
  if (isAnswerFault(fault) && fault !== 'http-truncated-json') return answerFaultResponse(fault, op);
  const reset = String(Math.floor(fake.now() / 60_000 + 1) * 60);
  switch (fault) {
    case 'http-429':
      return HttpResponse.json(
        streamErrorBody(op, new StreamError(429, 9, 'Too many requests, check response headers for more info.')),
        {
          status: 429,
          headers: {
            'X-RateLimit-Limit': '60',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset': reset,
            'Retry-After': '60',
          },
        },
      );
    case 'http-502':
      return new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
      });
    case 'http-503':
      return new HttpResponse('<html><body><h1>503 Service Unavailable</h1></body></html>', {
        status: 503,
        headers: { 'Content-Type': 'text/html' },
      });
    default:
      return HttpResponse.json(streamErrorBody(op, new StreamError(500, -1, 'internal system error')), { status: 500 });
  }
}
