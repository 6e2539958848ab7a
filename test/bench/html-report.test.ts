// The bench's HTML report: the table's runs as charts, self-contained.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { htmlReport, writeHtmlReport, type ReportRun } from '../../scripts/bench/html-report.js';
import { histogram } from '../../scripts/bench/support.js';

function latencies(msValues: number[]) {
  const h = histogram();
  for (const v of msValues) h.recordValue(v * 1000);
  return h;
}

describe('bench/html-report', () => {
  const runs: ReportRun[] = [
    { name: 'baseline <relay>', throughput: 17321, latencies: { 'send→push': latencies([1, 2, 3, 50]) } },
    { name: 'im-connect', throughput: 5400.4, latencies: { 'send→push': latencies(Array.from({ length: 100 }, (_, i) => i + 1)), 'send→ack': latencies([4, 5]) } },
  ];
  const html = htmlReport('bench', 'pairs=50', '| run | … |', runs, 'accepted msgs/s');

  it('has a throughput bar per run and a percentile chart per measure, with the runs named (escaped)', () => {
    expect(html).to.match(/^<!doctype html>/);
    expect(html.match(/<rect /g)).to.have.length(2);
    expect(html).to.contain('>17321<').and.to.contain('>5400<');
    expect(html).to.contain('send→push latency by percentile').and.to.contain('send→ack latency by percentile');
    expect(html.match(/<polyline /g)).to.have.length(3); // two runs for send→push, one for send→ack
    expect(html).to.contain('baseline &lt;relay&gt;').and.not.to.contain('<relay>');
    // The im-connect run's p99 is 99 ms (1..100 ms recorded): it is in the chart's tooltips.
    expect(html).to.match(/im-connect p99: 99\.\d\d ms/);
  });

  it('is self-contained: no scripts, no external resources', () => {
    expect(html).not.to.match(/<script|src=|href=/);
  });

  it('is written under the given folder, named by the run', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'im-report-'));
    try {
      const file = writeHtmlReport('bench-group', html, dir);
      expect(path.basename(file)).to.match(/^bench-group-.*\.html$/);
      expect(readFileSync(file, 'utf8')).to.equal(html);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
