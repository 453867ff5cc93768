// The operator's Stream app for a command (audit, repair, migrate): STREAM_API_KEY,
// STREAM_API_SECRET and an optional STREAM_BASE_URL, proven with one cheap read before the command
// reads or writes anything, so a wrong secret or URL is one line (exit 3), never a half-done run.
// Secrets are never printed, not even the key in an error.
import { StreamChat } from 'stream-chat';
import { BadInput } from '../ops/operator-command.ts';
import { streamCall, StreamProtocolError, StreamRefusedError } from './stream-call.ts';

export interface StreamEnv {
  readonly STREAM_API_KEY?: string | undefined;
  readonly STREAM_API_SECRET?: string | undefined;
  readonly STREAM_BASE_URL?: string | undefined;
}

/** A client on the operator's app, proven to answer with these credentials before anything else runs. */
export async function openStream(env: StreamEnv): Promise<StreamChat> {
  const key = env.STREAM_API_KEY;
  const secret = env.STREAM_API_SECRET;
  if (!key) throw new BadInput('STREAM_API_KEY is not set');
  if (!secret) throw new BadInput('STREAM_API_SECRET is not set');
  const baseURL = env.STREAM_BASE_URL;
  if (baseURL !== undefined && baseURL !== '') {
    let url: URL | undefined;
    try {
      url = new URL(baseURL);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new BadInput('STREAM_BASE_URL is not an http(s) URL');
  }
  const stream = new StreamChat(key, secret, {
    timeout: 15_000,
    ...(baseURL ? { baseURL } : {}),
  });
  try {
    // The cheapest read there is: one channel, no state. It proves the key, the secret and the URL.
    await streamCall('POST /channels', () =>
      stream.post(`${stream.baseURL}/channels`, { filter_conditions: {}, limit: 1, state: false }),
    );
  } catch (error) {
    // A firewall's 403 page or a proxy's 200 page is not a wrong secret: say what answered.
    if (error instanceof StreamProtocolError || (error instanceof StreamRefusedError && !error.fromStream))
      throw new BadInput(error.message);
    if (error instanceof StreamRefusedError)
      throw new BadInput(
        `Stream refused STREAM_API_KEY / STREAM_API_SECRET (${error.status}: check both belong to the same app, and that the key was not revoked)`,
      );
    const status = (error as { status?: number; response?: { status?: number } } | null)?.response?.status;
    const code = (error as { code?: string } | null)?.code;
    throw new BadInput(`cannot reach Stream at ${stream.baseURL}: ${code ?? status ?? 'no answer'}`);
  }
  return stream;
}
