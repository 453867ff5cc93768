// Production's other Stream answers, through the real SDK, as src/chat meets them: a stand-in
// axios adapter answers with the bodies the Stream fake renders for HTTP_ANSWER_FAULTS
// (fakes/stream/stream-answer-faults.ts: Stream's 401 code 2, a firewall's 403 page, a proxy's
// 200 page, a JSON body cut short) - src/ tests cannot import the fake; properties-chat swarms
// the fake's own. Each must be a failure the caller sees, never "no channels" / "no messages",
// and a refusal is asked once, never retried.
import { createHmac } from 'node:crypto';
import { AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import type { SessionFs } from '../bot/session-fs.ts';
import type { Db } from '../db/db.ts';
import { applyStreamRepair } from './apply-stream-repair.ts';
import { createGymRoom } from './create-gym-room.ts';
import { exportChannelMessages } from './export-channel-messages.ts';
import { getListedChannel } from './get-listed-channel.ts';
import { handleStreamWebhook } from './handle-stream-webhook.ts';
import { listAllChannels } from './list-all-channels.ts';
import { streamCall, StreamProtocolError, StreamRefusedError } from './stream-call.ts';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

interface Answer {
  status: number;
  body: string;
  type?: string;
}

const html = 'text/html; charset=utf-8';
const ANSWERS = {
  revoked: {
    status: 401,
    body: JSON.stringify({
      code: 2,
      message: 'QueryChannels failed with error: "api_key not found"',
      StatusCode: 401,
      duration: '0.00ms',
      more_info: 'https://getstream.io/chat/docs/api_errors_response',
      details: [],
    }),
  },
  firewall: { status: 403, body: '<!DOCTYPE html>\n<html><body><h1>Access Denied</h1></body></html>\n', type: html },
  portal: {
    status: 200,
    body: '<!DOCTYPE html>\n<html><body><h1>Sign in to continue</h1></body></html>\n',
    type: html,
  },
  cut: { status: 201, body: '{"channels":[{"channel":{"id":"room_5_1","type":"messag' },
  crashed: { status: 500, body: JSON.stringify({ code: -1, message: 'internal system error', StatusCode: 500 }) },
} satisfies Record<string, Answer>;

const page = (n: number, from = 0) =>
  JSON.stringify({
    channels: Array.from({ length: n }, (_, i) => ({
      channel: {
        id: `room_5_${from + i}`,
        type: 'messaging',
        cid: `messaging:room_5_${from + i}`,
        created_at: `2026-01-01T00:00:${String(from + i).padStart(2, '0')}.000Z`,
      },
      members: [],
    })),
    duration: '0.1ms',
  });

/** A real server-side client whose every request is answered, in order, from `script`. */
function scripted(...script: Answer[]) {
  const client = new StreamChat('key', 'secret', { baseURL: 'http://stream.test', disableCache: true });
  const sent: string[] = [];
  client.axiosInstance.defaults.adapter = (config: InternalAxiosRequestConfig) => {
    sent.push(`${config.method?.toUpperCase()} ${new URL(config.url ?? '', config.baseURL).pathname}`);
    const answer = script.shift() ?? { status: 500, body: '{}' };
    const response = {
      status: answer.status,
      statusText: '',
      headers: { 'content-type': answer.type ?? 'application/json' },
      config,
      data: answer.body,
    } as AxiosResponse;
    if (answer.status < 300) return Promise.resolve(response);
    return Promise.reject(
      new AxiosError(`Request failed with status code ${answer.status}`, 'ERR_BAD_REQUEST', config, null, response),
    );
  };
  return { client, sent };
}

const clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };
const list = (client: StreamChat) => streamCall('POST /channels', () => client.post(`${client.baseURL}/channels`, {}));

async function drain(listing: AsyncIterable<readonly unknown[]>): Promise<number> {
  let n = 0;
  for await (const got of listing) n += got.length;
  return n;
}

describe('streamCall', () => {
  it("names a revoked key from Stream's 401 JSON", async () => {
    const { client } = scripted(ANSWERS.revoked);
    const error = await list(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamRefusedError);
    expect(error).toMatchObject({ status: 401, fromStream: true });
    expect((error as Error).message).toBe(
      'Stream refused POST /channels (HTTP 401, code 2: QueryChannels failed with error: "api_key not found"): was STREAM_API_KEY revoked, or STREAM_API_SECRET changed?',
    );
  });

  it("names a firewall from a 403 that is not Stream's JSON", async () => {
    const { client } = scripted(ANSWERS.firewall);
    const error = await list(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StreamRefusedError', status: 403, fromStream: false });
    expect((error as Error).message).toBe(
      "Stream refused POST /channels: HTTP 403 with an HTML page, not Stream's JSON (a firewall or proxy between this host and Stream?)",
    );
  });

  it('a 200 HTML page and a cut JSON body are protocol errors, not answers', async () => {
    const portal = await list(scripted(ANSWERS.portal).client).catch((e: unknown) => e);
    expect(portal).toBeInstanceOf(StreamProtocolError);
    expect((portal as Error).message).toBe(
      'Stream answered POST /channels with an HTML page, not a JSON object (a proxy or captive portal between this host and Stream?)',
    );
    const cut = await list(scripted(ANSWERS.cut).client).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(StreamProtocolError);
    expect((cut as Error).message).toBe(
      `Stream answered POST /channels with ${ANSWERS.cut.body.length} characters of text, not a JSON object (a JSON body cut short?)`,
    );
  });

  it('leaves every other error as it was (a 5xx stays the SDK error the callers already handle)', async () => {
    const error = await list(scripted(ANSWERS.crashed).client).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ErrorFromResponse', status: 500, code: -1 });
    expect(await list(scripted({ status: 201, body: page(1) }).client)).toHaveProperty('channels');
  });
});

describe('src/chat under these answers', () => {
  it('listAllChannels: a page that is not Stream JSON ends the listing with an error, not a short listing', async () => {
    for (const bad of [ANSWERS.portal, ANSWERS.cut]) {
      const { client, sent } = scripted({ status: 201, body: page(30) }, bad);
      await expect(drain(listAllChannels(client, { clock }))).rejects.toBeInstanceOf(StreamProtocolError);
      expect(sent).toHaveLength(2);
    }
    // The good answer, for contrast: 30 then 5 channels (the second page repeats the last of the first).
    const { client } = scripted({ status: 201, body: page(30) }, { status: 201, body: page(6, 29) });
    expect(await drain(listAllChannels(client, { clock }))).toBe(35);
  });

  it('listAllChannels: a refusal is asked once (429s are waited out; 401/403 are not)', async () => {
    for (const refused of [ANSWERS.revoked, ANSWERS.firewall]) {
      const { client, sent } = scripted(refused, refused, refused);
      await expect(drain(listAllChannels(client, { clock }))).rejects.toBeInstanceOf(StreamRefusedError);
      expect(sent).toEqual(['POST /channels']);
    }
  });

  it('getListedChannel: an HTML page is an error, never "the channel is gone"', async () => {
    await expect(getListedChannel(scripted(ANSWERS.portal).client, 'messaging:room_5_1')).rejects.toBeInstanceOf(
      StreamProtocolError,
    );
    expect(await getListedChannel(scripted({ status: 201, body: page(0) }).client, 'messaging:x')).toBeUndefined();
  });

  it('exportChannelMessages: an HTML page fails the export and writes nothing (the delete follows an export)', async () => {
    const written: string[] = [];
    const dir: SessionFs = {
      readFile: () => Promise.resolve(''),
      writeFile: (name) => Promise.resolve(void written.push(name)),
      rename: () => Promise.resolve(),
      unlink: () => Promise.resolve(),
      readdir: () => Promise.resolve([]),
    };
    const { client } = scripted(ANSWERS.portal);
    await expect(exportChannelMessages(client, { type: 'messaging', id: 'event_7_a' }, dir)).rejects.toBeInstanceOf(
      StreamProtocolError,
    );
    expect(written).toEqual([]);
  });

  it('applyStreamRepair: a refusal stops the repair at once; the next actions are never sent', async () => {
    const { client, sent } = scripted(ANSWERS.firewall, { status: 201, body: page(1) });
    const db = { query: () => Promise.reject(new Error('not reached')) } as unknown as Db;
    const actions = [1, 2, 3].map(
      (n) => ({ kind: 'set-team', cid: `messaging:room_5_${n}`, gymId: 5, from: null }) as const,
    );
    await expect(applyStreamRepair({ db, stream: client }, actions)).rejects.toBeInstanceOf(StreamRefusedError);
    expect(sent).toHaveLength(1);
    // A 5xx, by contrast, fails that one action and the others still run.
    const five = scripted(ANSWERS.crashed, ANSWERS.crashed, ANSWERS.crashed);
    const outcomes = await applyStreamRepair({ db, stream: five.client }, actions);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['failed', 'failed', 'failed']);
  });

  it('createGymRoom: an HTML page instead of the channel throws before any row is written', async () => {
    const statements: string[] = [];
    const db = {
      query: (sql: string) => {
        statements.push(sql);
        return Promise.resolve({ rowCount: 1, rows: [{ id: '9' }] });
      },
      connect: () => Promise.reject(new Error('no transaction expected')),
    } as unknown as Db;
    const { client } = scripted(ANSWERS.portal);
    await expect(
      createGymRoom({ db, stream: client }, { gymId: 5, name: 'Spin', createdBy: 4, members: [4] }),
    ).rejects.toBeInstanceOf(StreamProtocolError);
    expect(statements.some((sql) => /INSERT/i.test(sql))).toBe(false);
  });

  it('handleStreamWebhook: a lookup answered by a page fails the delivery (Stream retries), recording nothing', async () => {
    const db = {
      query: () => Promise.resolve({ rowCount: 0, rows: [] }),
      connect: () => Promise.reject(new Error('the delivery must not be recorded')),
    } as unknown as Db;
    const body = JSON.stringify({
      type: 'message.new',
      cid: 'messaging:room_5_1',
      channel_id: 'room_5_1',
      created_at: '2026-01-01T00:00:00.000Z',
    });
    const signature = createHmac('sha256', 'secret').update(body).digest('hex');
    expect(verifyWebhookSignature(body, signature, 'secret')).toBe(true);
    const headers: Record<string, string> = { 'x-signature': signature, 'x-webhook-id': 'w1' };
    const { client } = scripted(ANSWERS.portal);
    await expect(
      handleStreamWebhook({ db, stream: client, secret: 'secret' }, { rawBody: body, header: (name) => headers[name] }),
    ).rejects.toBeInstanceOf(StreamProtocolError);
  });
});
