import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './json.js';
import { parseShard, receives, type SessionStarts, type ShardPair } from './sharding.js';

/** One dispatch to send: the event name and its data. */
export interface Dispatch {
  readonly t: GatewayDispatchEvents;
  readonly d: unknown;
}

/** Picks what a session receives from its intents; undefined means the session does not get the event. */
export type DispatchFor = (intents: number) => unknown;

/** What the gateway needs from the rest of the fake. */
export interface GatewayHooks {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  readonly now: () => number;
  /** Intent bits the application may not use (privileged intents not switched on in the Portal): IDENTIFY gets 4014. */
  readonly disallowedIntents?: number;
  /** The daily session start limit and max_concurrency that every IDENTIFY is counted against. */
  readonly starts: SessionStarts;
  /** The READY data for a new session, then the dispatches that follow it (a GUILD_CREATE per guild of its shard). */
  readonly onIdentify: (
    sessionId: string,
    shard: ShardPair | null,
  ) => { readonly ready: unknown; readonly after: readonly Dispatch[] };
}

/** A gateway session as tests see it. */
export interface GatewaySessionInfo {
  readonly id: string;
  readonly intents: number;
  /** `[shard_id, num_shards]` from IDENTIFY; null when the client sent none (it then receives everything). */
  readonly shard: ShardPair | null;
  readonly connected: boolean;
  readonly identifiedAt: number;
  readonly resumes: number;
}

interface Frame {
  readonly op: GatewayOpcodes.Dispatch;
  readonly t: GatewayDispatchEvents;
  readonly s: number;
  readonly d: unknown;
}

interface Session {
  readonly id: string;
  readonly intents: number;
  readonly shard: ShardPair | null;
  readonly identifiedAt: number;
  seq: number;
  resumes: number;
  socket: WebSocket | null;
  readonly history: Frame[];
}

const HISTORY_LIMIT = 500;
const CLEAN_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001]);

/**
 * The fake gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME with replay, sequenced dispatches,
 * each routed to the sessions of the shard that owns its guild.
 */
export class Gateway {
  readonly #hooks: GatewayHooks;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #sockets = new Set<WebSocket>();
  #counter = 0;
  #tokenReset = false;
  #refusedIdentifies = 0;

  constructor(hooks: GatewayHooks) {
    this.#hooks = hooks;
  }

  /** Takes over an HTTP upgrade request as a gateway connection. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, request));
  }

  /**
   * Sends an event to every session of the shard that owns `guildId` (shard 0 when null: DMs) whose intents allow
   * it; returns the ids of the sessions whose live connection got it.
   */
  dispatch(event: GatewayDispatchEvents, guildId: string | null, dataFor: DispatchFor): string[] {
    const delivered: string[] = [];
    for (const session of this.#sessions.values()) {
      if (!receives(session.shard, guildId)) continue;
      const d = dataFor(session.intents);
      if (d === undefined) continue;
      if (this.#send(session, event, d)) delivered.push(session.id);
    }
    return delivered;
  }

  /** True once an IDENTIFY went past the session start limit: Discord then resets the token. */
  get tokenReset(): boolean {
    return this.#tokenReset;
  }

  /** How many IDENTIFYs were answered with op 9 for coming too soon after another with the same rate-limit key. */
  get refusedIdentifies(): number {
    return this.#refusedIdentifies;
  }

  /** Asks every connected client to reconnect (op 7); discord.js then resumes its session. */
  requestReconnect(): void {
    for (const session of this.#sessions.values()) {
      if (session.socket !== null)
        sendJson(session.socket, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    }
  }

  /** Every session that can still be resumed or is connected. */
  sessions(): GatewaySessionInfo[] {
    return [...this.#sessions.values()].map((session) => ({
      id: session.id,
      intents: session.intents,
      shard: session.shard,
      connected: session.socket !== null,
      identifiedAt: session.identifiedAt,
      resumes: session.resumes,
    }));
  }

  /**
   * Ends every connection and stops accepting new ones. Close code 4004 is one discord.js does not reconnect
   * after, so a client still logged in stops instead of retrying forever.
   */
  async close(): Promise<void> {
    const closing = [...this.#sockets].map(
      (socket) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => socket.terminate(), 500);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(GatewayCloseCodes.AuthenticationFailed, 'fake Discord closed');
        }),
    );
    await Promise.all(closing);
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #onConnection(socket: WebSocket, request: IncomingMessage): void {
    this.#sockets.add(socket);
    const query = new URL(request.url ?? '/', 'ws://fake').searchParams;
    if (query.get('v') !== null && query.get('v') !== '10') {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    let session: Session | null = null;
    sendJson(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.#hooks.heartbeatIntervalMs },
      s: null,
      t: null,
    });
    socket.on('message', (raw) => {
      const payload = parse(raw);
      if (payload === undefined) {
        socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      if (payload.op === GatewayOpcodes.Heartbeat) {
        sendJson(socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
      } else if (payload.op === GatewayOpcodes.Identify || payload.op === GatewayOpcodes.Resume) {
        if (session !== null) socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        else if (payload.op === GatewayOpcodes.Identify) session = this.#identify(socket, payload.d);
        else session = this.#resume(socket, payload.d);
      } else if (session === null) {
        socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      } else if (!KNOWN_OPCODES.has(payload.op)) {
        socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });
    socket.on('close', (code) => {
      this.#sockets.delete(socket);
      if (session === null || session.socket !== socket) return;
      session.socket = null;
      if (CLEAN_CLOSE_CODES.has(code)) this.#sessions.delete(session.id);
    });
  }

  #identify(socket: WebSocket, d: unknown): Session | null {
    if (!isRecord(d) || d.token !== this.#hooks.token || this.#tokenReset) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    if (typeof d.intents !== 'number') {
      socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return null;
    }
    if ((d.intents & (this.#hooks.disallowedIntents ?? 0)) !== 0) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return null;
    }
    const shard = parseShard(d.shard);
    if (shard === 'invalid') {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    const admission = this.#hooks.starts.admit(shard, this.#hooks.now());
    if (admission === 'too-soon') {
      this.#refusedIdentifies += 1;
      sendJson(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return null;
    }
    if (admission === 'limit-reached') {
      this.#resetToken(socket);
      return null;
    }
    this.#counter += 1;
    const id = `fake-session-${this.#counter}`;
    // Several sessions may hold the same shard pair at once; each receives that shard's events (Discord's docs:
    // "You can establish multiple sessions with the same [shard_id, num_shards]").
    const session: Session = {
      id,
      intents: d.intents,
      shard,
      identifiedAt: this.#hooks.now(),
      seq: 0,
      resumes: 0,
      socket,
      history: [],
    };
    this.#sessions.set(id, session);
    const { ready, after } = this.#hooks.onIdentify(id, shard);
    this.#send(session, GatewayDispatchEvents.Ready, ready);
    for (const dispatch of after) this.#send(session, dispatch.t, dispatch.d);
    return session;
  }

  /**
   * Past the daily session start limit Discord terminates every active session and resets the bot token: each
   * connection is closed with 4004, and the old token no longer works on the gateway or REST.
   */
  #resetToken(socket: WebSocket): void {
    this.#tokenReset = true;
    for (const session of this.#sessions.values())
      session.socket?.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    this.#sessions.clear();
    socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
  }

  #resume(socket: WebSocket, d: unknown): Session | null {
    if (this.#tokenReset) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const session = isRecord(d) && typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
    if (session === undefined || !isRecord(d) || d.token !== this.#hooks.token) {
      sendJson(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return null;
    }
    if (session.socket !== null && session.socket !== socket) session.socket.close(4000, 'Session resumed elsewhere');
    session.socket = socket;
    session.resumes += 1;
    const from = typeof d.seq === 'number' ? d.seq : 0;
    for (const frame of session.history) if (frame.s > from) sendJson(socket, frame);
    this.#send(session, GatewayDispatchEvents.Resumed, {});
    return session;
  }

  #send(session: Session, t: GatewayDispatchEvents, d: unknown): boolean {
    session.seq += 1;
    const frame: Frame = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.history.push(frame);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    return session.socket === null ? false : sendJson(session.socket, frame);
  }
}

const KNOWN_OPCODES: ReadonlySet<unknown> = new Set([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
  GatewayOpcodes.RequestSoundboardSounds,
]);

function sendJson(socket: WebSocket, payload: unknown): boolean {
  if (socket.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(payload));
  return true;
}

function parse(raw: RawData): { readonly op: unknown; readonly d: unknown } | undefined {
  try {
    const text = Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.from(raw as ArrayBuffer).toString('utf8');
    const payload: unknown = JSON.parse(text);
    return isRecord(payload) ? { op: payload.op, d: payload.d } : undefined;
  } catch {
    return undefined;
  }
}
