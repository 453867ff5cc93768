/**
 * A fake's msw handlers may carry the fake's own router, so the case engine's direct path
 * (sims/http/answer-directly.ts) answers a request without msw's per-request matching: msw
 * compiles each handler's path pattern and reads its cookie store (tough-cookie, a public-suffix
 * lookup) for every request: 14.6% of a MotoPress case's busy Node time in a profile (issue 17).
 * Every other client (a module's own fetch or axios, through msw's interceptors) still goes
 * through msw.
 *
 * The router must answer exactly as msw would route: it claims only the requests it is sure msw
 * sends to these handlers, and says `undefined` (not sure: let msw match) for anything else,
 * e.g. a path that matches only because msw compares case-insensitively or ignores a trailing
 * slash. A request to another origin is never these handlers' (msw's patterns here are absolute).
 */
export interface DirectRoute {
  /** `new URL(site).origin`: the only origin the handlers answer. */
  readonly origin: string;
  answer(request: Request, url: URL): Promise<Response> | Response | undefined;
}

// A registered symbol: a fake built against another copy of this module still carries it.
const DIRECT_ROUTE = Symbol.for('syncsim.directRoute');

/** Tag `handlers` (msw's, for one site) with the router that answers for all of them. */
export function withDirectRoute<H extends object>(handlers: H[], route: DirectRoute): H[] {
  for (const handler of handlers) Object.defineProperty(handler, DIRECT_ROUTE, { value: route });
  return handlers;
}

export function directRouteOf(handler: object): DirectRoute | undefined {
  return (handler as { [DIRECT_ROUTE]?: DirectRoute })[DIRECT_ROUTE];
}
