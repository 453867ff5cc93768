/**
 * The plumbing both standalone fakes share (`syncsim fake stream|motopress`): a node:http server
 * on 127.0.0.1 whose requests are handed to the fake as fetch `Request`s, stopping idempotently.
 * A fake answers with a fetch `Response`; a handler that throws becomes a 500 in the fake's own
 * error shape (`onError`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalHttpServer {
  url: string;
  stop: () => Promise<void>;
}

export interface LocalHttpOptions {
  port: number;
  /** Called once per request before it is answered (the standalone fakes' logical clock). */
  onRequest?: () => void;
  answer(request: Request, url: string): Promise<Response>;
  onError(error: unknown): Response;
}

export async function listenLocal(options: LocalHttpOptions): Promise<LocalHttpServer> {
  let url = '';
  const server = createServer((req, res) => {
    options.onRequest?.();
    toRequest(req, url)
      .then((request) => options.answer(request, url))
      .catch((error: unknown) => options.onError(error))
      .then((response) => send(res, response))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { url, stop };
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  return new Request(`${base}${req.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  // Several Link values go out as separate header lines, as WordPress sends them.
  const out: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (name === 'link') for (const part of value.split(/,\s*(?=<)/)) out.push([name, part]);
    else out.push([name, value]);
  });
  res.writeHead(response.status, out.flat());
  res.end(Buffer.from(await response.arrayBuffer()));
}
