import { format } from 'node:util';
import { errorText } from './failure-log.js';
import { LogWindow, type LogWindowOptions } from './log-window.js';

type Level = 'error' | 'warn' | 'info' | 'debug';
export type LineLogger = Record<Level, (msg: string) => void>;
export type PrintfLogger = Record<Level, (...args: unknown[]) => void>;

/**
 * A printf-style logger (`warn('x=%s', x)`) for a third-party client, written to ours. Such a
 * client logs per call, so an outage repeats one line per request (RocketMQ's: one per failed
 * send): each template is written the first time it comes in a window, and its repeats as one
 * line with their count when the window ends. An Error argument is written as its message, since
 * `%s` of an Error prints its whole stack.
 */
export function printfLogger(target: LineLogger, prefix: string, options?: LogWindowOptions): PrintfLogger & { flush(): void } {
  const window = new LogWindow((report) => {
    for (const [key, count] of report.counts) {
      if (count < 2) continue;
      const space = key.indexOf(' ');
      const level = key.slice(0, space) as Level;
      target[level](`${prefix} ${count - 1} more in the last ${report.seconds} s like: ${key.slice(space + 1)}`);
    }
  }, options);
  const at = (level: Level) => (...args: unknown[]) => {
    const shown = args.map((arg) => (arg instanceof Error ? errorText(arg) : arg));
    if (window.add(`${level} ${String(shown[0])}`)) target[level](`${prefix} ${format(...shown)}`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), flush: () => window.flush() };
}
