import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt's levels for pino's; Bolt and its Web API client log request bodies at debug, so debug needs `sensitive`. */
function boltLevel(level: string, sensitive: boolean): LogLevel {
  if (level === 'debug' || level === 'trace') return sensitive ? LogLevel.DEBUG : LogLevel.INFO;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}

function line(parts: readonly unknown[]): string {
  return parts
    .map((part) => {
      if (part instanceof Error) return part.message;
      if (typeof part === 'string') return part;
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    })
    .join(' ');
}

/** Bolt's logger interface over pino, so Bolt's lines go where ours go; its debug lines only with LOG_SENSITIVE. */
export function boltLogger(logger: Logger, sensitive: boolean): BoltLogger {
  let level = boltLevel(logger.level, sensitive);
  return {
    debug: (...parts: unknown[]) => {
      if (sensitive) logger.debug(line(parts));
    },
    info: (...parts: unknown[]) => logger.info(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
