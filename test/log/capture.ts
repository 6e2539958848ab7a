// A Logger that keeps every line, for tests that count what was logged.
import type { Logger } from '../../src/log/logger.js';
import { fake } from '../support/fakes.js';

export interface LogLine { level: string; message: string; meta: Record<string, unknown> }

export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => ((message: string, meta?: Record<string, unknown>) => {
    lines.push({ level, message, meta: meta ?? {} });
    return logger;
  }) as unknown as Logger['info'];
  const logger = fake<Logger>({ error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') });
  return { logger, lines };
}
