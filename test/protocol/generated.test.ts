// The generated code must be what `npm run proto` makes from proto/ today (never hand-edited).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('protocol/gen', function () {
  this.timeout(60_000);

  it('matches a fresh pbjs/pbts run over proto/im/v1/im.proto', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'im-proto-'));
    const js = path.join(dir, 'im.js');
    const bin = (name: string) => path.resolve('node_modules/.bin', name);
    execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'proto/esm-wrapper.js', '--es6', '--force-long', '--no-verify',
      '--no-convert', '--no-delimited', '-o', js, 'proto/im/v1/im.proto']);
    execFileSync(bin('pbts'), ['-o', path.join(dir, 'im.d.ts'), js]);
    expect(readFileSync(js, 'utf8')).to.equal(readFileSync('src/protocol/gen/im.js', 'utf8'));
    expect(readFileSync(path.join(dir, 'im.d.ts'), 'utf8')).to.equal(readFileSync('src/protocol/gen/im.d.ts', 'utf8'));
  });
});
