// The Stream-mode connection (protocols.md B1, B2, B9), built on the dingtalk-stream SDK's
// DWClient for the handshake, frame parsing, ping echo and acks, with our own supervision:
// - the gateway URL is configurable (subclassed getEndpoint, so either axios build is moot);
// - one fresh DWClient per connection, so acks go back on the socket the frame came from
//   and a dying socket's handlers cannot touch the live one;
// - capped, jittered back-off instead of the SDK's fixed 1 s retry (no reconnect storms);
// - a watchdog: no frame (gateway ping included, or a pong to our WebSocket ping) for
//   watchdogMs forces a fresh connection, since dead sockets often never emit `close`.
import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type WebSocket from 'ws';
import type { Logger } from '../../logger.ts';
import type { ChannelHealth } from '../../core/channel.ts';
import { TOPIC_ROBOT, type StreamFrame } from './wire-types.ts';

export type StreamState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'stopped';

export interface StreamOptions {
  clientId: string;
  clientSecret: string;
  gatewayUrl: string;
  watchdogMs: number;
  /** First reconnect delay; doubles per failed attempt up to `maxReconnectMs`. */
  reconnectMs: number;
  maxReconnectMs?: number;
  logger: Logger;
  /** A robot CALLBACK frame; `ack` sends the acknowledgement on the frame's own socket. */
  onRobotFrame: (frame: StreamFrame, ack: () => void) => void;
  random?: () => number;
}

interface ClientHooks {
  gatewayUrl: string;
  onFrame(client: GatewayClient): void;
  onBadFrame(client: GatewayClient, error: unknown): void;
  onDisconnectFrame(client: GatewayClient, reason: string): void;
}

const UA = 'sales-radar (dingtalk-stream/2.1.5)';

/** DWClient pointed at a configurable gateway, reporting frames to the supervisor. */
class GatewayClient extends DWClient {
  constructor(
    private readonly hooks: ClientHooks,
    opts: { clientId: string; clientSecret: string },
  ) {
    // A fresh subscriptions array: the SDK's default one is shared by every client (B9 gotcha 1).
    // autoReconnect off: the supervisor decides when and how fast to reconnect.
    super({ ...opts, ua: UA, subscriptions: [], autoReconnect: false } as ConstructorParameters<typeof DWClient>[0]);
  }

  // Same request as the SDK's (B1), to our URL, with fetch rather than the SDK's axios.
  override async getEndpoint(): Promise<this> {
    const res = await fetch(this.hooks.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua,
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let body: { endpoint?: unknown; ticket?: unknown; code?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Left empty: reported below with the status.
    }
    if (res.status !== 200 || typeof body.endpoint !== 'string' || typeof body.ticket !== 'string') {
      const code = typeof body.code === 'string' ? ` ${body.code}` : '';
      throw new Error(`connections/open answered HTTP ${res.status}${code}${typeof body.message === 'string' ? `: ${body.message}` : ''}`);
    }
    // dw_url is private only at the type level; the SDK's _connect reads it.
    (this as unknown as { dw_url: string }).dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  override onDownStream(data: string): void {
    this.hooks.onFrame(this);
    try {
      super.onDownStream(data);
    } catch (error) {
      // The SDK JSON.parses frames inside the socket's message handler: a broken frame
      // would otherwise be an uncaught exception.
      this.hooks.onBadFrame(this, error);
    }
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers.topic === 'disconnect') {
      let reason = '';
      try {
        reason = String((JSON.parse(downstream.data) as { reason?: unknown }).reason ?? '');
      } catch {
        // A reason is only for the log.
      }
      this.hooks.onDisconnectFrame(this, reason);
    }
  }

  socketOf(): WebSocket | undefined {
    return (this as unknown as { socket?: WebSocket }).socket;
  }
}

export function createStreamConnection(options: StreamOptions) {
  const { logger, watchdogMs, reconnectMs } = options;
  const maxReconnectMs = options.maxReconnectMs ?? reconnectMs * 10;
  const random = options.random ?? Math.random;
  // A connection that lived this long counts as healthy: the back-off starts over.
  const stableMs = Math.max(reconnectMs * 10, watchdogMs);

  let state: StreamState = 'idle';
  /** Why the last connection ended or failed; kept while reconnecting, for /healthz. */
  let problem = '';
  let current: GatewayClient | null = null;
  let connectedAt = 0;
  let lastFrameAt = 0;
  let pingedAt = 0;
  let attempt = 0;
  let connections = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let watchdogTimer: NodeJS.Timeout | undefined;
  const retired = new WeakSet<GatewayClient>();
  // A function, not an inline test: TypeScript would keep the narrowing across awaits.
  const stopped = (): boolean => state === 'stopped';

  function setState(next: StreamState, why: string, extra: Record<string, unknown> = {}): void {
    if (next === 'disconnected') problem = why;
    if (state === next) return;
    const from = state;
    state = next;
    const line = { from, to: next, reason: why, ...extra };
    if (next === 'disconnected') logger.warn(line, 'dingtalk stream: disconnected');
    else logger.info(line, `dingtalk stream: ${next}`);
  }

  const hooks: ClientHooks = {
    gatewayUrl: options.gatewayUrl,
    onFrame(client) {
      if (client === current) lastFrameAt = Date.now();
    },
    onBadFrame(_client, error) {
      logger.warn({ err: error }, 'dingtalk stream: unreadable frame ignored');
    },
    onDisconnectFrame(client, reason) {
      if (client !== current) return;
      // The gateway rotates connections: it closes this one in ~10 s. Move now, with a new ticket.
      logger.info({ reason }, 'dingtalk stream: gateway asked to reconnect');
      retire(client, true);
      setState('disconnected', `gateway disconnect: ${reason || 'no reason'}`);
      scheduleReconnect(0);
    },
  };

  /** Stops using a client. Graceful close flushes acks already written; terminate drops a dead socket. */
  function retire(client: GatewayClient, graceful: boolean): void {
    retired.add(client);
    if (current === client) current = null;
    const ws = client.socketOf();
    if (!ws) return;
    if (graceful) {
      ws.close(1000, 'reconnecting');
      setTimeout(() => ws.terminate(), 2_000).unref();
    } else {
      ws.terminate();
    }
  }

  function scheduleReconnect(delayMs?: number): void {
    if (stopped() || reconnectTimer) return;
    const backoff = Math.min(maxReconnectMs, reconnectMs * 2 ** attempt);
    const delay = delayMs ?? Math.min(maxReconnectMs, Math.round(backoff * (0.8 + 0.4 * random())));
    attempt += 1;
    logger.info({ attempt, delayMs: delay }, 'dingtalk stream: reconnect scheduled');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
    reconnectTimer.unref();
  }

  function onClosed(client: GatewayClient, code: number, reason: string): void {
    if (retired.has(client)) return;
    retired.add(client);
    const wasCurrent = client === current;
    if (wasCurrent) {
      current = null;
      if (Date.now() - connectedAt >= stableMs) attempt = 0;
    }
    if (stopped()) return;
    setState('disconnected', wasCurrent ? `socket closed (${code}${reason ? ` ${reason}` : ''})` : `connect failed (${code})`);
    scheduleReconnect();
  }

  async function connect(): Promise<void> {
    if (stopped()) return;
    setState('connecting', `attempt ${attempt}`);
    const client = new GatewayClient(hooks, { clientId: options.clientId, clientSecret: options.clientSecret });
    client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
      options.onRobotFrame(frame, () => {
        try {
          client.socketCallBackResponse(frame.headers.messageId, null);
        } catch (error) {
          logger.warn({ err: error, messageId: frame.headers.messageId }, 'dingtalk stream: ack not sent');
        }
      });
    });
    try {
      await client.getEndpoint();
      if (stopped()) return;
      const opened = client._connect();
      const ws = client.socketOf();
      // Synchronously on open, in the same tick as the SDK's own handler: a frame that arrives
      // with the handshake (a disconnect, say) already finds this client current.
      ws?.on('open', () => onOpen(client));
      ws?.on('close', (code: number, reason: Buffer) => onClosed(client, code, reason.toString()));
      ws?.on('pong', () => hooks.onFrame(client));
      await opened;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (client.socketOf()) {
        // The socket's close event follows its error and schedules the retry.
        logger.warn({ error: message }, 'dingtalk stream: connection failed');
        return;
      }
      if (stopped()) return;
      setState('disconnected', message);
      scheduleReconnect();
    }
  }

  function onOpen(client: GatewayClient): void {
    if (stopped() || retired.has(client)) {
      retire(client, true);
      return;
    }
    current = client;
    connections += 1;
    connectedAt = lastFrameAt = Date.now();
    pingedAt = 0;
    setState('connected', 'socket open', { connections });
  }

  function watchdog(): void {
    const client = current;
    if (!client || state !== 'connected') return;
    const now = Date.now();
    const silent = now - lastFrameAt;
    const pingOutstanding = pingedAt > lastFrameAt;
    // Halfway through a silence, ask the socket itself: any pong counts as a frame.
    if (silent >= watchdogMs / 2 && !pingOutstanding) {
      pingedAt = now;
      try {
        client.socketOf()?.ping();
      } catch {
        // A socket too broken to ping will be caught by a later tick.
      }
      return;
    }
    // Dead only when a ping also went unanswered for a while: a late timer alone proves nothing.
    if (silent >= watchdogMs && pingOutstanding && now - pingedAt >= watchdogMs / 4) {
      logger.warn({ silentMs: silent }, 'dingtalk stream: no frame within the watchdog window; forcing a fresh connection');
      retire(client, false);
      setState('disconnected', `watchdog: silent for ${silent} ms`);
      scheduleReconnect(0);
    }
  }

  return {
    start(): void {
      if (state !== 'idle') return;
      watchdogTimer = setInterval(watchdog, Math.max(25, Math.min(5_000, Math.floor(watchdogMs / 4))));
      watchdogTimer.unref();
      void connect();
    },

    async stop(): Promise<void> {
      setState('stopped', 'stopped');
      clearInterval(watchdogTimer);
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const client = current;
      current = null;
      const ws = client?.socketOf();
      if (!client || !ws || ws.readyState === ws.CLOSED) return;
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      retire(client, true);
      await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())]);
    },

    health(): ChannelHealth {
      if (state === 'connected') return { status: 'ok', detail: 'stream connected' };
      if (state === 'stopped') return { status: 'down', detail: 'stopped' };
      return { status: 'degraded', detail: `stream ${state === 'idle' ? 'not started' : state}${problem ? `: ${problem}` : ''}` };
    },

    state: (): StreamState => state,
    /** Connections opened so far (reconnects included). */
    connections: (): number => connections,
  };
}

export type StreamConnection = ReturnType<typeof createStreamConnection>;
