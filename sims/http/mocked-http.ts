/**
 * The case engine's msw server: the fakes a world registers answer real `fetch` and axios
 * requests made in this process. Created on the first `use` (a scenario without HTTP fakes
 * never patches the process's fetch), emptied at every case's world phase so one case's fake
 * never answers the next case, closed with the engine.
 *
 * A request no registered fake handles is an error (msw prints it; the request rejects), never a
 * trip to the network: a simulation that silently reached a real site would not be replayable.
 *
 * Two ways in to the same handlers. The engine's own wiring (an actor's `motopressFetch` and
 * `gateStream(client)`) calls `fetch` below, which hands the request straight to the handlers
 * (answer-directly.ts): the gate already serialises those requests, and msw's interceptors and
 * mock sockets made up much of an HTTP operation's cost. The server stays for every request the
 * engine does not wire, such as a module under test that calls the global fetch or makes its
 * own axios client: those can only be caught by patching the process.
 */
import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { answerDirectly } from './answer-directly.ts';

export class MockedHttp {
  #server: SetupServer | undefined;
  readonly #observers: Array<(request: Request) => void> = [];

  /**
   * Call `listener` with every request a fake is about to answer, through the server or `fetch`
   * (before its handler reads the body). The overhead bench records a case's requests this way to replay them without the gate.
   */
  observe(listener: (request: Request) => void): void {
    this.#observers.push(listener);
    this.#server?.events.on('request:start', ({ request }) => listener(request));
  }

  /**
   * A fetch answered by the registered handlers without interception (see above); an unhandled
   * request rejects as through the server. One function per engine: axios caches its fetch
   * adapter by the fetch it is given.
   */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    for (const listener of this.#observers) listener(request);
    // By msw's own tag, not instanceof: a fake's handlers may come from another copy of msw's
    // module (its CommonJS build beside the ESM one, a project's own msw), whose classes differ.
    const handlers = (this.#server?.listHandlers() ?? []).filter((h): h is RequestHandler => h.kind === 'request');
    return answerDirectly(handlers, request);
  };

  /** Add handlers for the current case (they come first, before older ones). */
  use(...handlers: RequestHandler[]): void {
    let server = this.#server;
    if (!server) {
      server = this.#server = setupServer();
      // 'error': msw prints the unhandled METHOD and URL and the request rejects (a throwing
      // callback would instead become a 500, which a client would take for a server fault).
      server.listen({ onUnhandledRequest: 'error' });
      for (const listener of this.#observers) server.events.on('request:start', ({ request }) => listener(request));
    }
    server.use(...handlers);
  }

  /** Forget every handler (start of a case). */
  reset(): void {
    this.#server?.resetHandlers();
  }

  close(): void {
    this.#server?.close();
    this.#server = undefined;
  }
}
