import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeIdentity, IdSource } from './ids.js';
import type { Payload } from './payloads.js';

/** The kinds of envelope Socket Mode delivers. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** The app's acknowledgement of one envelope: `{ envelope_id, payload? }` (payload: what `ack(…)` was given). */
export type SocketAck = { readonly envelope_id: string; readonly payload?: Payload };

/** How to deliver an envelope. */
export type DeliverOptions = {
  /** Slack sets this for slash commands and view submissions: the ack's payload is the response. */
  readonly acceptsResponsePayload?: boolean;
  readonly retryAttempt?: number;
  readonly retryReason?: string;
  /** How long to wait for a connection and then for the ack (Slack waits 3 s). */
  readonly timeoutMs?: number;
};

/** A local Socket Mode endpoint: apps.connections.open hands out its URLs. */
export type SocketModeServer = {
  /** A fresh one-use URL, `ws://127.0.0.1:<port>/link/?ticket=…&app_id=…`. */
  readonly issueUrl: () => string;
  /** Sends an envelope to the newest open connection and resolves with the app's ack. */
  readonly deliver: (type: EnvelopeType, payload: Payload, options?: DeliverOptions) => Promise<SocketAck>;
  /** Resolves once at least `count` connections have been greeted with `hello` since the fake started. */
  readonly waitForConnections: (count?: number, timeoutMs?: number) => Promise<void>;
  /**
   * Resolves once exactly `count` connections are open. Bolt's `app.stop()` in Socket Mode resolves before its
   * WebSocket has closed, so wait for 0 here before counting on the connection being gone.
   */
  readonly waitForOpenConnections: (count: number, timeoutMs?: number) => Promise<void>;
  /** How many connections are open now. */
  readonly openConnections: () => number;
  /** How many connections were ever greeted. */
  readonly totalConnections: () => number;
  /** Asks every connected app to reconnect, as Slack does before recycling a server. */
  readonly requestReconnect: (reason?: 'warning' | 'refresh_requested' | 'link_disabled') => void;
  readonly close: () => Promise<void>;
};

type Pending = { readonly resolve: (ack: SocketAck) => void };

const openCount = (sockets: readonly WebSocket[]) => sockets.filter((s) => s.readyState === s.OPEN).length;

/** Starts the Socket Mode WebSocket server on 127.0.0.1 at a free port. */
export async function startSocketMode(identity: FakeIdentity, ids: IdSource): Promise<SocketModeServer> {
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const pending = new Map<string, Pending>();
  const changeListeners = new Set<() => void>();
  const changed = () => {
    for (const listener of changeListeners) listener();
  };
  let greeted = 0; // connections sent `hello`
  let settled = 0; // connections whose `hello` the app has had a moment to read

  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    // A ticket works once, as on Slack: a reconnect must call apps.connections.open again.
    verifyClient: ({ req }: { readonly req: IncomingMessage }) => {
      const ticket = new URL(req.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? '';
      return tickets.delete(ticket);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;

  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => {
      const ack = parseAck(String(data));
      if (ack === undefined) return;
      pending.get(ack.envelope_id)?.resolve(ack);
      pending.delete(ack.envelope_id);
    });
    socket.on('close', () => {
      const index = sockets.indexOf(socket);
      if (index >= 0) sockets.splice(index, 1);
      changed();
    });
    greeted += 1;
    const hello = {
      type: 'hello',
      num_connections: openCount(sockets),
      debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: identity.appId },
    };
    // The app reads `hello` a moment after it is written; waiting a little lets waiters act on a ready app.
    socket.send(JSON.stringify(hello), () =>
      setTimeout(() => {
        settled += 1;
        changed();
      }, 10),
    );
  });

  const waitUntil = (done: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const listener = () => {
        if (!done()) return;
        clearTimeout(timer);
        changeListeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        changeListeners.delete(listener);
        reject(new Error(`fake Slack Socket Mode: ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      changeListeners.add(listener);
    });

  const deliver = async (type: EnvelopeType, payload: Payload, options: DeliverOptions = {}): Promise<SocketAck> => {
    const timeoutMs = options.timeoutMs ?? 3_000;
    await waitUntil(() => openCount(sockets) > 0, timeoutMs, 'no app connected');
    const socket = [...sockets].reverse().find((s) => s.readyState === s.OPEN);
    const envelopeId = ids.envelope();
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? false,
      ...(type === 'events_api'
        ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
        : {}),
    };
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(envelopeId);
        reject(new Error(`fake Slack Socket Mode: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(envelopeId, {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
      socket?.send(JSON.stringify(envelope));
    });
  };

  return {
    issueUrl: () => {
      const ticket = ids.ticket();
      tickets.add(ticket);
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${identity.appId}`;
    },
    deliver,
    waitForConnections: (count = 1, timeoutMs = 3_000) =>
      waitUntil(() => settled >= count, timeoutMs, `fewer than ${count} connections`),
    waitForOpenConnections: (count, timeoutMs = 3_000) =>
      waitUntil(() => openCount(sockets) === count, timeoutMs, `not exactly ${count} open connections`),
    openConnections: () => openCount(sockets),
    totalConnections: () => greeted,
    requestReconnect: (reason = 'refresh_requested') => {
      const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } });
      for (const socket of sockets) socket.send(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of [...sockets]) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The envelope id and payload of an ack message, or `undefined` for anything else. */
function parseAck(text: string): SocketAck | undefined {
  try {
    const message = JSON.parse(text) as unknown;
    if (typeof message !== 'object' || message === null) return undefined;
    const { envelope_id: id, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof id !== 'string') return undefined;
    const body = typeof payload === 'object' && payload !== null ? { payload: payload as Payload } : {};
    return { envelope_id: id, ...body };
  } catch {
    return undefined;
  }
}
