import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/** Paths that may hold secrets or a user's words; removed from every log line unless sensitive logs are on. */
const secretPaths = ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'password', '*.password'];
const textPaths = ['text', '*.text', 'answer', '*.answer', 'event.text', 'inbound.event.text'];

/** A pino logger that never prints tokens and prints user text only when `sensitive` is on. */
export function createLogger(options: {
  level?: string;
  sensitive?: boolean;
  destination?: DestinationStream;
}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: options.sensitive === true ? secretPaths : [...secretPaths, ...textPaths], censor: '[redacted]' },
  };
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}
