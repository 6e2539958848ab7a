import { expect } from 'chai';
import { createLogger } from '../../src/log/logger.js';

describe('log/logger', () => {
  it('drops a line below the level before formatting it: its meta is never printed', () => {
    for (const json of [false, true]) {
      const logger = createLogger({ level: 'warn', json });
      let reads = 0;
      const meta = { userId: { toJSON: () => { reads++; return '9007199254740993'; } } };
      logger.debug('offline list rebuilt from the message store', meta);
      logger.info('also below warn', meta);
      expect(reads, json ? 'json' : 'text').to.equal(0);
    }
  });
});
