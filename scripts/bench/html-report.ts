// The bench's HTML report: the same runs as its table, as charts (inline SVG, no scripts, no
// network), written next to the table under bench-results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as hdr from 'hdr-histogram-js';

export interface ReportRun {
  name: string;
  /** Per second: what the run is measured by (accepted msgs/s, pushes/s). */
  throughput: number;
  /** Microsecond histograms, by what they time (e.g. "send→ack", "send→push"). */
  latencies: Record<string, hdr.Histogram>;
}

const PERCENTILES = [50, 75, 90, 95, 99, 99.9, 99.99];
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];
const W = 640;
const H = 300;
const PAD = { left: 70, right: 20, top: 20, bottom: 50 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Bars of each run's throughput. */
function throughputChart(runs: ReportRun[], unit: string): string {
  const max = Math.max(1, ...runs.map((r) => r.throughput));
  const band = (W - PAD.left - PAD.right) / Math.max(1, runs.length);
  const bars = runs.map((r, i) => {
    const h = ((H - PAD.top - PAD.bottom) * r.throughput) / max;
    const x = PAD.left + i * band + band * 0.15;
    const y = H - PAD.bottom - h;
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(band * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[i % COLORS.length]}"/>` +
      `<text x="${(x + band * 0.35).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${r.throughput.toFixed(0)}</text>` +
      `<text x="${(x + band * 0.35).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="small">${esc(r.name)}</text>`;
  }).join('');
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="throughput"><text x="8" y="14" class="small">${esc(unit)}</text>${axes()}${bars}</svg>`;
}

/** Latency at each percentile, one line per run, y on a log scale (latencies span decades). */
function latencyChart(runs: ReportRun[], what: string): string {
  const series = runs.filter((r) => r.latencies[what] !== undefined).map((r) => ({
    name: r.name, values: PERCENTILES.map((p) => Math.max(0.001, r.latencies[what]!.getValueAtPercentile(p) / 1000)),
  }));
  const all = series.flatMap((s) => s.values);
  const lo = Math.log10(Math.min(...all, 1));
  const hi = Math.log10(Math.max(...all, 10)) + 0.1;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (PERCENTILES.length - 1);
  const y = (v: number) => H - PAD.bottom - ((Math.log10(v) - lo) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  const lines = series.map((s, i) => {
    const color = COLORS[i % COLORS.length];
    const points = s.values.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const dots = s.values.map((v, k) => `<circle cx="${x(k).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"><title>${esc(s.name)} p${PERCENTILES[k]}: ${v.toFixed(2)} ms</title></circle>`).join('');
    return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"/>${dots}` +
      `<text x="${PAD.left + 8}" y="${PAD.top + 14 * (i + 1)}" fill="${color}" class="small">${esc(s.name)}</text>`;
  }).join('');
  const ticks = PERCENTILES.map((p, k) => `<text x="${x(k).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="small">p${p}</text>`).join('');
  const decades: string[] = [];
  for (let d = Math.ceil(lo); d <= Math.floor(hi); d++) {
    decades.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(10 ** d).toFixed(1)}" y2="${y(10 ** d).toFixed(1)}" stroke="#ddd"/>` +
      `<text x="${PAD.left - 6}" y="${(y(10 ** d) + 4).toFixed(1)}" text-anchor="end" class="small">${10 ** d} ms</text>`);
  }
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(what)} latency">${decades.join('')}${axes()}${ticks}${lines}</svg>`;
}

function axes(): string {
  return `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#333"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#333"/>`;
}

/** A self-contained page: the title, the parameters, the charts, then the table as printed. */
function page(title: string, params: string, table: string, charts: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:${W + 40}px}svg{width:100%;height:auto;border:1px solid #eee;margin:.5em 0 1.5em}
text{font-size:12px}.small{font-size:10px}pre{overflow-x:auto;background:#f7f7f7;padding:.5em;font-size:11px}</style></head>
<body><h1>${esc(title)}</h1><p>${esc(params)}</p>
${charts}
<h2>Table</h2><pre>${esc(table)}</pre></body></html>
`;
}

/** The page: the parameters, the table as printed, a throughput chart and a latency chart per measure. */
export function htmlReport(title: string, params: string, table: string, runs: ReportRun[], throughputUnit: string): string {
  const measures = [...new Set(runs.flatMap((r) => Object.keys(r.latencies)))];
  return page(title, params, table, `<h2>Throughput</h2>${throughputChart(runs, throughputUnit)}
${measures.map((m) => `<h2>${esc(m)} latency by percentile</h2>${latencyChart(runs, m)}`).join('\n')}`);
}

/** Writes the report under bench-results/ and returns its path. */
export function writeHtmlReport(name: string, html: string, dir = path.resolve('bench-results')): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.html`);
  writeFileSync(file, html);
  return file;
}

export interface TimeSeries {
  name: string;
  /** [x, y] pairs, x ascending (e.g. minutes since the start). */
  points: Array<[number, number]>;
}

/** Lines of values over time on linear axes from zero, one per series, with the axes' ends labelled. */
export function timeSeriesChart(series: TimeSeries[], yUnit: string, xUnit: string): string {
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(1e-9, ...all.map(([x]) => x));
  const yMax = Math.max(1e-9, ...all.map(([, y]) => y)) * 1.1;
  const x = (v: number) => PAD.left + (v * (W - PAD.left - PAD.right)) / xMax;
  const y = (v: number) => H - PAD.bottom - (v * (H - PAD.top - PAD.bottom)) / yMax;
  const lines = series.map((s, i) => {
    const color = COLORS[i % COLORS.length];
    const points = s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"><title>${esc(s.name)}</title></polyline>` +
      `<text x="${PAD.left + 8}" y="${PAD.top + 14 * (i + 1)}" fill="${color}" class="small">${esc(s.name)}</text>`;
  }).join('');
  const labels = `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" class="small">${+yMax.toPrecision(3)}</text>` +
    `<text x="${PAD.left - 6}" y="${H - PAD.bottom + 4}" text-anchor="end" class="small">0</text>` +
    `<text x="${W - PAD.right}" y="${H - PAD.bottom + 16}" text-anchor="end" class="small">${+xMax.toPrecision(3)} ${esc(xUnit)}</text>` +
    `<text x="8" y="14" class="small">${esc(yUnit)}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(yUnit)} over ${esc(xUnit)}">${axes()}${labels}${lines}</svg>`;
}

/** A page of time-series charts (the soak's), with the parameters and the table as printed. */
export function timeSeriesReport(title: string, params: string, table: string, charts: Array<{ title: string; yUnit: string; xUnit: string; series: TimeSeries[] }>): string {
  return page(title, params, table, charts.map((c) => `<h2>${esc(c.title)}</h2>${timeSeriesChart(c.series, c.yUnit, c.xUnit)}`).join('\n'));
}
