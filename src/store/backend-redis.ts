import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import { messageOf } from './attempt.js';
import { type Backend, type BackendOptions, keyvOptions, makeSpaces, namespaceNames } from './backend.js';
import { redisCoordination, type ScriptClient } from './redis-coordination.js';
import { redactUrl } from './url.js';

/**
 * Waits between reconnection attempts: 50 ms doubling up to 250 ms, forever (Redis may come back at any time). Kept
 * short so the processes sharing a Redis see it return within a quarter second of each other: a turn waiting for the
 * store decides by the same clock in every process.
 */
const reconnectDelay = (retries: number): number => Math.min(50 * 2 ** Math.min(retries, 3), 250);

/**
 * A backend on one Redis connection shared by the three namespaces.
 *
 * How it fails fast: the client retries the connection forever in the background, and its offline queue is off, so
 * a command sent while the connection is down is refused at once (`unavailable`) instead of waiting for Redis to
 * return; commands in flight when the connection drops are rejected. Before the first connection attempt has
 * succeeded or failed, `ready()` waits for it (bounded by the operation timeout). Every 'error' event has a
 * listener, so a lost connection never crashes the process.
 */
export function openRedisBackend(url: string, options: BackendOptions): Backend {
  const logger = options.logger.child({ backend: 'redis', url: redactUrl(url) });
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: reconnectDelay, connectTimeout: options.opTimeoutMs },
  });

  let down = false;
  let waiters: (() => void)[] = [];
  const wake = (): void => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  client.on('ready', () => {
    if (down) logger.info('redis is reachable again');
    else logger.debug('redis connected');
    down = false;
    wake();
  });
  client.on('error', (error: unknown) => {
    // Logged once per outage: while Redis is away every reconnection attempt fails again.
    if (down) logger.debug({ err: messageOf(error) }, 'redis still unreachable');
    else logger.warn({ err: messageOf(error) }, 'redis unreachable; operations fail until it is back');
    down = true;
    wake();
  });

  const spaces = makeSpaces(options.prefix, options.logger, (namespace) => {
    // The adapter must throw on failure too: by default it swallows a failed GET and returns undefined.
    const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
    // The adapter prefixes keys itself (`<namespace>::<key>`), so Keyv must not prefix them again.
    return new Keyv<string>(adapter, { ...keyvOptions(namespace), useKeyPrefix: false });
  });

  // Leases and claims live beside the namespaces, outside their `<namespace>::*` patterns (so listing and clearing a
  // namespace never meets them); every one has a TTL, so nothing is left behind by a process that dies.
  const names = namespaceNames(options.prefix);
  const side = (what: string): string => (options.prefix === undefined ? what : `${options.prefix}-${what}`);
  // A process silent for two leases and a second has died (its unsaved work passes on); one silent three times that
  // long is not merely paused (the replies it saved pass on too).
  const shortMs = 2 * (options.leaseMs ?? 5000) + 1000;
  const silence = { shortMs, longMs: 3 * shortMs };
  const coordination = redisCoordination(
    client as unknown as ScriptClient,
    {
      data: (namespace, key) => `${names[namespace]}::${key}`,
      lock: (namespace, key) => `${side('locks')}::${names[namespace]}::${key}`,
      claim: (eventId) => `${side('claims')}::${eventId}`,
      note: (eventId) => `${side('notes')}::${eventId}`,
      rate: (key) => `${side('rates')}::${key}`,
      alive: `${side('alive')}::`,
    },
    silence,
  );

  // Connecting starts now rather than on the first command: the adapter would otherwise await a connection that
  // retries forever. Failures arrive as 'error' events; connect() itself only settles once connected or closed.
  client.connect().catch((error: unknown) => logger.debug({ err: messageOf(error) }, 'redis connect ended'));

  let closed = false;
  const ready = async (): Promise<void> => {
    if (client.isReady) return;
    if (closed) throw new Error('redis connection closed');
    if (down) throw new Error('redis is not connected');
    // Bounded, so a server that never answers does not pile up waiters.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiters = waiters.filter((waiter) => waiter !== done);
        resolve();
      }, options.opTimeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      waiters.push(done);
    });
    if (!client.isReady) throw new Error('redis is not connected');
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    wake();
    try {
      if (client.isReady) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), options.opTimeoutMs);
        });
        const outcome = await Promise.race([client.close().then(() => 'closed' as const), late]);
        clearTimeout(timer);
        if (outcome === 'late') logger.warn('redis did not close in time; the connection is dropped');
      } else if (client.isOpen) {
        client.destroy();
      }
    } catch (error) {
      logger.debug({ err: messageOf(error) }, 'redis close failed');
    }
  };

  return { kind: 'redis', spaces, coordination, ready, close };
}
