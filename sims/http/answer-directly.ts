/**
 * Answers a `Request` by calling msw's request handlers in the same process: no fetch
 * interceptor, no mock socket, no emitter. The case engine routes its actors' MotoPress and
 * Stream requests here (MockedHttp.fetch), since the gate already decided when each one runs
 * and the interception layers only cost time (issue 17).
 *
 * A fake whose handlers carry their own router (fakes/direct-route.ts) is answered by it, without
 * msw's per-request matching; any other handler is matched by msw as before.
 *
 * It keeps what the intercepted path does for the fakes' answers: the handler's own Response,
 * its `url` set to the request's (as @mswjs/interceptors does); a handler that throws answers
 * 500 "Unhandled Exception" with the error as JSON, printed as msw prints it; a request no handler
 * answers (or one a handler passes through) is msw's `onUnhandledRequest: 'error'` - printed,
 * and rejected with msw's InternalError - and never reaches the network. Not followed: redirects
 * (no fake answers one) and response cookies (no fake sets one).
 */
import { getResponse, onUnhandledRequest, type RequestHandler } from 'msw';
import { directRouteOf } from '../../fakes/direct-route.ts';

export async function answerDirectly(handlers: RequestHandler[], request: Request): Promise<Response> {
  // A client that gave up before sending gets its abort reason, as from fetch.
  request.signal.throwIfAborted();
  let response: Response | undefined;
  try {
    response = await (routeDirectly(handlers, request) ?? getResponse(handlers, request));
  } catch (error) {
    console.error(error);
    console.error(
      `[MSW] Encountered an unhandled exception during the handler lookup for "${request.method} ${request.url}". Please see the original error above.`,
    );
    return serverError(error);
  }
  if (response === undefined || isPassthrough(response)) {
    // Prints msw's "intercepted a request without a matching request handler" and throws.
    await onUnhandledRequest(request, 'error');
    // msw lets common asset paths (*.js, *.png, ...) through even then; a simulation must not.
    const error = new Error(`[MSW] no fake answers ${request.method} ${request.url}`);
    console.error(error.message);
    throw error;
  }
  if (response.url === '')
    Object.defineProperty(response, 'url', { value: request.url, enumerable: true, configurable: true });
  return response;
}

/**
 * The answer of the first handlers' own router (fakes/direct-route.ts), when every handler
 * before them is another origin's: msw would route the request to them too. undefined when a
 * handler has no router or its router is not sure: msw then matches the whole list.
 */
function routeDirectly(handlers: RequestHandler[], request: Request): Promise<Response> | Response | undefined {
  const url = new URL(request.url);
  for (const handler of handlers) {
    const route = directRouteOf(handler);
    if (route === undefined) return undefined;
    if (route.origin === url.origin) return route.answer(request, url);
  }
  return undefined;
}

/** `passthrough()`'s answer: msw would send the request to the network. */
function isPassthrough(response: Response): boolean {
  return response.status === 302 && response.headers.get('x-msw-intention') === 'passthrough';
}

/** @mswjs/interceptors' answer to a handler that threw. */
function serverError(error: unknown): Response {
  const body = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : error;
  return new Response(JSON.stringify(body), {
    status: 500,
    statusText: 'Unhandled Exception',
    headers: { 'Content-Type': 'application/json' },
  });
}
