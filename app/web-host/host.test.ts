/** The web host's gatekeeping, over real HTTP and WebSocket on loopback. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { recordingService } from '../contract/recording-service.ts';
import { sampleArguments } from '../contract/sample-arguments.ts';
import { createJabberService, FEATURE_COMMAND_NAMES } from '../core/service.ts';
import type { JabberService } from '../core/service-types.ts';
import { COMMAND_NAMES, type EventEnvelope } from '../shared/contract.ts';
import { startWebHost, type WebHost } from './host.ts';

let host: WebHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'web-host-test-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="./renderer.js"></script></head></html>');
  await writeFile(path.join(dir, 'renderer.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'bridge.js'), '// bridge');
  host = await startWebHost({ service: createJabberService(), rendererDir: dir, bridgeFile: path.join(dir, 'bridge.js') });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(options: { token?: string; origin?: string; hostHeader?: string }): Promise<WebSocket> {
  const url = `ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(options.token ?? host.token)}`;
  const ws = new WebSocket(url, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    headers: options.hostHeader === undefined ? {} : { Host: options.hostHeader },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL holding the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page with the bridge injected before the renderer and a strict CSP', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body.indexOf('bridge.js')).toBeLessThan(page.body.indexOf('renderer.js'));
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses another Host header (DNS rebinding) and path traversal', async () => {
    expect((await get('/', { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get('/.hidden')).status).toBe(404);
  });

  it('refuses a WebSocket with a wrong token, a foreign Origin or a foreign Host', async () => {
    await expect(connect({ token: 'wrong' })).rejects.toThrow(/403/u);
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow(/403/u);
    await expect(connect({ hostHeader: `rebound.example:${host.port}` })).rejects.toThrow(/403/u);
  });

  it('carries commands and their results for a legitimate page', async () => {
    const ws = await connect({});
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ type: 'call', id: 7, method: 'getSnapshot', args: [] }));
    expect(await reply).toMatchObject({ type: 'result', id: 7, result: { ok: true, value: { accounts: [] } } });
    ws.close();
  });

  it("carries every feature's command to the real service's one account path, with no code for it in the host or the service", async () => {
    const ws = await connect({});
    const results = new Map<number, unknown>();
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: unknown };
      if (message.type === 'result') results.set(message.id, message.result);
    });
    // Each command's own sample arguments (from its schema), for an account this service does not have.
    FEATURE_COMMAND_NAMES.forEach((method, index) => {
      const [request] = sampleArguments(method) as [Record<string, unknown>];
      ws.send(JSON.stringify({ type: 'call', id: index + 1, method, args: [{ ...request, account: 'alice@example.test' }] }));
    });
    await expect.poll(() => results.size).toBe(FEATURE_COMMAND_NAMES.length);
    for (const [index, method] of FEATURE_COMMAND_NAMES.entries()) {
      expect(results.get(index + 1), method).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('not one of your accounts') } });
    }
    ws.close();
  });

  it('closes the socket on a call to anything outside the contract', async () => {
    const ws = await connect({});
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'constructor', args: [] }));
    expect(await closed).toBe(1008);
  });
});

describe('web host event frames', () => {
  it('sends the events of one turn in one frame, in order, and a result never before the events it followed', async () => {
    // A service whose events the test raises itself: only the transport is under test here.
    let emit: ((envelope: EventEnvelope) => void) | null = null;
    const real = createJabberService();
    const service: JabberService = {
      ...real,
      subscribe(listener) {
        emit = listener;
        return () => {};
      },
      async listAccounts() {
        return { ok: true, value: [] };
      },
    };
    const eventsHost = await startWebHost({ service, rendererDir: dir, bridgeFile: path.join(dir, 'bridge.js') });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${eventsHost.port}/ws?token=${encodeURIComponent(eventsHost.token)}`, { origin: `http://127.0.0.1:${eventsHost.port}` });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const frames: unknown[] = [];
      ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())));
      const envelope = (n: number): EventEnvelope => ({ event: 'onArchiveSync', payload: { account: 'a@example.test', syncing: true, fetched: n } });
      emit!(envelope(1));
      emit!(envelope(2));
      emit!(envelope(3));
      emit!(envelope(4));
      ws.send(JSON.stringify({ type: 'call', id: 1, method: 'listAccounts', args: [] }));
      await expect.poll(() => frames.length).toBe(2);
      expect(frames[0]).toEqual({ type: 'events', events: [envelope(1), envelope(2), envelope(3), envelope(4)] });
      expect(frames[1]).toMatchObject({ type: 'result', id: 1, result: { ok: true } });
      emit!(envelope(5));
      await expect.poll(() => frames.length).toBe(3);
      expect(frames[2]).toEqual({ type: 'event', ...envelope(5) });
      ws.close();
      await real.dispose();
    } finally {
      await eventsHost.close();
    }
  });
});

describe('web host commands', () => {
  /** A host over a service that records what reaches it, and a legitimate page's socket to it. */
  async function recordingHost() {
    const recorded = recordingService<JabberService>();
    const served = await startWebHost({ service: recorded.service, rendererDir: dir, bridgeFile: path.join(dir, 'bridge.js') });
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/ws?token=${encodeURIComponent(served.token)}`, { origin: `http://127.0.0.1:${served.port}` });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const results = new Map<number, unknown>();
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: unknown };
      if (message.type === 'result') results.set(message.id, message.result);
    });
    return { ...recorded, served, ws, results };
  }

  it('reaches the service with every command of the contract, from COMMAND_NAMES and its schema alone', async () => {
    // A command added to the contract (and its schema) is served here with no edit to host.ts.
    const { served, ws, results, calls } = await recordingHost();
    try {
      const sent = COMMAND_NAMES.map((name, index) => ({ id: index + 1, name, args: sampleArguments(name) }));
      for (const { id, name, args } of sent) ws.send(JSON.stringify({ type: 'call', id, method: name, args }));
      await expect.poll(() => results.size).toBe(sent.length);
      for (const { id, name } of sent) expect(results.get(id), name).toEqual({ ok: true, value: `answer of ${name}` });
      expect(calls).toEqual(sent.map(({ name, args }) => ({ name, args })));
    } finally {
      ws.close();
      await served.close();
    }
  });

  it('answers arguments of the wrong shape with invalid-argument, keeping the socket open', async () => {
    const { served, ws, results, calls } = await recordingHost();
    try {
      const request = { account: 'alice@example.test', to: 'bob@example.test', body: 'hi' };
      ws.send(JSON.stringify({ type: 'call', id: 1, method: 'sendMessage', args: [{ ...request, body: 42 }] }));
      ws.send(JSON.stringify({ type: 'call', id: 2, method: 'sendMessage', args: [request, request] }));
      ws.send(JSON.stringify({ type: 'call', id: 3, method: 'listAccounts', args: [] }));
      await expect.poll(() => results.size).toBe(3);
      expect(results.get(1)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(results.get(2)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(results.get(3)).toEqual({ ok: true, value: 'answer of listAccounts' });
      expect(calls).toEqual([{ name: 'listAccounts', args: [] }]);
    } finally {
      ws.close();
      await served.close();
    }
  });
});
