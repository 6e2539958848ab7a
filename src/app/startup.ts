import { ConfigError, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createLogger, type Logger } from '../log/logger.js';

/**
 * Config and logger for an entry point (`npm start`, `npm run relay`). A configuration error is
 * printed as such (it names the file or variable, the key and what was expected) and exits 2.
 */
export function startup(program: string): { config: Config; source: string; logger: Logger } {
  let loaded;
  try {
    loaded = loadConfig({});
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${program}: configuration error: ${err.message}\n`);
    process.exit(2);
  }
  const { config, source } = loaded;
  const json = config.log.format === 'json' || (config.log.format === 'auto' && config.mode === 'production');
  return { config, source, logger: createLogger({ level: config.log.level, json }) };
}
