import type { Logger } from 'pino';
import type { Service } from '../../src/runtime/index.js';

/**
 * In a shard process: shuts the service down once, then exits (0 when clean), on SIGTERM (the manager stopping
 * it), SIGINT (Ctrl-C reaches the whole process group) or the manager's IPC channel closing (the manager died, so
 * no shard outlives it serving Discord beside the shards a restarted manager starts).
 * Unlike the manager, a repeated signal does not exit at once: the manager and a terminal often signal the same
 * shard, and the manager sends SIGKILL itself if a shard outstays its grace.
 */
export function followManager(service: Service, logger: Logger): void {
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    void service.shutdown(reason).then((clean) => process.exit(clean ? 0 : 1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const orphaned = (): void => {
    logger.warn('discord: the shard manager is gone; shutting down');
    stop('manager gone');
  };
  process.on('disconnect', orphaned);
  // discord.js tells the manager of every shard status change over IPC; once the manager is gone those sends fail
  // with an 'error' event on process, which would otherwise crash the shard in the middle of its shutdown.
  process.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_IPC_CHANNEL_CLOSED') logger.warn({ err: error }, 'discord: message to the manager failed');
  });
  // The manager may have gone while this shard was still starting, before anyone listened.
  if (process.send !== undefined && !process.connected) orphaned();
}
