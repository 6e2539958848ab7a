// log/: structured logging. winston is slow (~4x pino): never log per frame at info level.
import winston from 'winston';

export type Logger = winston.Logger;

export interface LogOptions {
  level: 'error' | 'warn' | 'info' | 'debug';
  json: boolean;
}

export function createLogger({ level, json }: LogOptions): Logger {
  // winston runs the logger's format before its transports filter by level: without this first
  // step, a debug line at level warn is still timestamped and printed, then thrown away.
  const enabled = winston.format((info) => (logger.levels[info.level]! <= logger.levels[logger.level]! ? info : false))();
  const format = json
    ? winston.format.combine(enabled, winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json())
    : winston.format.combine(
        enabled,
        winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
        winston.format.errors({ stack: true }),
        winston.format.printf(({ timestamp, level: lvl, message, stack, ...meta }) => {
          const rest = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
          return `${String(timestamp)} ${lvl.padEnd(5)} ${String(message)}${rest}${stack ? `\n${String(stack)}` : ''}`;
        }),
      );
  const logger = winston.createLogger({ level, format, transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })] });
  return logger;
}

/** A logger that drops everything, for tests. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
