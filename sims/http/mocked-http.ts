/**
 * The case engine's msw server: the fakes a world registers answer real `fetch` and axios
 * requests made in this process. Created on the first `use` (a scenario without HTTP fakes
 * never patches the process's fetch), emptied at every case's world phase so one case's fake
 * never answers the next case, closed with the engine.
 *
 * A request no registered fake handles is an error (msw prints it; the request rejects), never a
 * trip to the network: a simulation that silently reached a real site would not be replayable.
 */
import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';

export class MockedHttp {
  #server: SetupServer | undefined;
  readonly #observers: Array<(request: Request) => void> = [];

  /**
   * Call `listener` with every request a fake is about to answer (before its handler reads the
   * body). The overhead bench records a case's requests this way to replay them without the gate.
   */
  observe(listener: (request: Request) => void): void {
    this.#observers.push(listener);
    this.#server?.events.on('request:start', ({ request }) => listener(request));
  }

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
