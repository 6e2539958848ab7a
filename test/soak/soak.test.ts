// A short soak (20 s, production: MySQL, Redis, RocketMQ) through `npm run soak`'s own entry: its
// summary line parses, every acked message was delivered through the reconnect storms, the
// samples are there, and the chart was written.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { expect } from 'chai';
import type { SoakSummary } from '../../scripts/soak/run.js';
import { slope } from '../../scripts/soak/run.js';
import { needMysql, needRedis, needServer } from '../support/services.js';

function runScript(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/soak.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('soak (20 s, production, reconnect storms)', function () {
  this.timeout(180_000);
  let code: number | null;
  let stdout: string;
  let summary: SoakSummary;

  before(async function () {
    await needMysql(this);
    await needRedis(this);
    await needServer(this, 'RocketMQ', '127.0.0.1', 8081);
    ({ code, stdout } = await runScript(['--minutes', String(20 / 60), '--pairs', '10', '--rate', '50', '--storm-every', '5', '--storm-fraction', '0.5', '--sample-every', '2']));
    const line = stdout.split('\n').find((l) => l.startsWith('summary '));
    expect(line, stdout).not.to.equal(undefined);
    summary = JSON.parse(line!.slice('summary '.length)) as SoakSummary;
  });

  after(() => {
    if (summary?.report) rmSync(summary.report, { force: true });
  });

  it('exits 0 with a summary whose figures are numbers', () => {
    expect(code, stdout).to.equal(0);
    expect(summary.mode).to.equal('production');
    for (const key of ['heapSlopeMbPerMin', 'rssSlopeMbPerMin', 'maxRetryDepth', 'maxOutboxBacklog', 'maxOfflineBacklog'] as const) {
      expect(summary[key], key).to.be.a('number').and.not.NaN;
    }
    expect(summary.ackMs.p99).to.be.at.least(summary.ackMs.p50);
  });

  it('lost nothing: every acked message was delivered, through the storms', () => {
    expect(summary.acked).to.be.above(500);
    expect(summary.storms).to.be.at.least(2);
    expect(summary.dropped).to.be.above(0);
    expect(summary.reconnects).to.be.above(0);
    expect(summary.lost).to.equal(0);
    expect(summary.delivered).to.equal(summary.acked);
  });

  it('printed a line per sample and wrote the chart', () => {
    expect(summary.samples).to.be.at.least(8);
    expect(stdout.match(/^t=\d+s rss=[\d.]+MB heap=[\d.]+MB retry=\d+ outbox=\d+ offline=\d+ /gm)?.length).to.be.at.least(8);
    const html = readFileSync(summary.report, 'utf8');
    expect(html).to.match(/^<!doctype html>/);
    expect(html.match(/<polyline /g)).to.have.length(7); // rss, heap; retry, outbox, offline; p50, p99
    expect(html).not.to.match(/<script|src=|href=/);
    expect(stdout.trimEnd().split('\n').pop()).to.equal(`HTML report: ${summary.report}`);
  });

  it('slopes are least squares in MB per minute', () => {
    expect(slope([[0, 10], [1, 12], [2, 14]])).to.equal(2);
    expect(slope([[0, 5]])).to.equal(0);
  });
});
