// The shipped Grafana dashboard and Prometheus alert rules (config/) are well formed and query
// only metrics that a real gateway's ops /metrics serves, with rate() only over counters.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { startGateway, type TestGateway } from '../support/gateway.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DASHBOARD_FILE = join(REPO, 'config/grafana-dashboard.json');
const ALERTS_FILE = join(REPO, 'config/prometheus-alerts.yml');

/** Series Prometheus adds to every scrape target itself. */
const SCRAPE_SERIES: ReadonlyMap<string, string> = new Map([['up', 'gauge']]);
const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);
const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/;

interface Target { refId?: unknown; expr?: unknown; datasource?: { uid?: unknown } }
interface Panel { id?: unknown; type?: unknown; title?: unknown; gridPos?: Record<string, unknown>; datasource?: { uid?: unknown }; targets?: Target[] }
interface Variable { name?: unknown; type?: unknown; query?: unknown; definition?: unknown }
interface Dashboard { title?: unknown; uid?: unknown; schemaVersion?: unknown; panels?: Panel[]; templating?: { list?: Variable[] } }
interface Rule { alert?: unknown; expr?: unknown; for?: unknown; labels?: { severity?: unknown }; annotations?: { summary?: unknown } }
interface RuleFile { groups?: Array<{ name?: unknown; rules?: Rule[] }> }

/**
 * Every series name a scrape offers, with its metric's type: from the # TYPE lines (labelled
 * counters have no sample before their first increment), histograms as _bucket/_sum/_count.
 */
function servedSeries(text: string): Map<string, string> {
  const series = new Map<string, string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) series.set(`${name}${suffix}`, 'counter');
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) series.set(`${name}${suffix}`, suffix === '' ? 'gauge' : 'counter');
    else series.set(name!, type!);
  }
  return series;
}

/** The metric names a PromQL expression selects (functions, keywords, labels and variables left out). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ') // Grafana variables
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings, label values among them
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // grouping labels
    .replace(/\b(?:\d+(?:ms|[smhdwy]))+\b/g, ' ') // durations (offset 5m)
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, ' ');
  const names = [...bare.matchAll(new RegExp(`${NAME.source}(?![a-zA-Z0-9_:]|\\s*\\()`, 'g'))].map(([name]) => name);
  return [...new Set(names.filter((name) => !PROMQL_KEYWORDS.has(name.toLowerCase())))];
}

/** Metrics given to rate(), irate() or increase() (must be counters) and to deriv() or delta() (gauges). */
function rangeFunctionArgs(expr: string): Array<{ fn: string; name: string }> {
  return [...expr.matchAll(new RegExp(`\\b(rate|irate|increase|deriv|delta)\\(\\s*(${NAME.source})`, 'g'))].map(([, fn, name]) => ({ fn: fn!, name: name! }));
}

/** The PromQL of a template variable's query, e.g. label_values(im_connections, instance) → im_connections. */
function variableMetrics(variable: Variable): string[] {
  const query = typeof variable.query === 'object' && variable.query !== null ? (variable.query as { query?: unknown }).query : variable.query;
  const match = /^label_values\((.+),\s*\w+\)$/.exec(typeof query === 'string' ? query : '');
  return match ? metricNames(match[1]!) : [];
}

describe('config/: Grafana dashboard and Prometheus alerts', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;
  const rules = YAML.parse(readFileSync(ALERTS_FILE, 'utf8')) as RuleFile;
  const panels = dashboard.panels ?? [];
  const queryPanels = panels.filter((p) => p.type !== 'row');
  const variables = dashboard.templating?.list ?? [];
  const alertRules = (rules.groups ?? []).flatMap((g) => g.rules ?? []);
  const dashboardExprs = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${String(p.title)}"`, expr: String(t.expr) })));
  const alertExprs = alertRules.map((r) => ({ where: `alert ${String(r.alert)}`, expr: String(r.expr) }));

  let gw: TestGateway;
  let served: Map<string, string>;

  before(async () => {
    gw = await startGateway();
    const res = await fetch(`${gw.opsUrl}/metrics`);
    expect(res.status).to.equal(200);
    served = servedSeries(await res.text());
  });

  after(async () => {
    await gw.stop();
  });

  it('reads metric names out of PromQL the way the checks below rely on', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (job, le) (rate(im_send_ack_seconds_bucket{job=~"$job", code!="x"}[$__rate_interval])))'))
      .to.deep.equal(['im_send_ack_seconds_bucket']);
    expect(metricNames('up{job="im-connect"} == 0')).to.deep.equal(['up']);
    expect(metricNames('max by (job) (a_total) > 1e3 and on (job) deriv(b[15m:1m]) > bool 0 unless c offset 5m'))
      .to.deep.equal(['a_total', 'b', 'c']);
    expect(servedSeries('# TYPE h histogram\n# TYPE c_total counter\n')).to.deep.equal(new Map([
      ['h_bucket', 'counter'], ['h_sum', 'counter'], ['h_count', 'counter'], ['c_total', 'counter'],
    ]));
  });

  it('the scrape offers the gateway metrics and the Node.js defaults', () => {
    for (const name of ['im_connections', 'im_errors_total', 'im_send_ack_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_seconds_total']) {
      expect(served.has(name), name).to.equal(true);
    }
  });

  describe('config/grafana-dashboard.json', () => {
    it('is an importable dashboard: title, uid, schemaVersion, a Prometheus data source variable', () => {
      expect(dashboard.title).to.be.a('string').and.not.equal('');
      expect(dashboard.uid).to.be.a('string').and.match(/^[\w-]{1,40}$/);
      expect(dashboard.schemaVersion).to.be.a('number').within(36, 41);
      expect(variables.find((v) => v.type === 'datasource')).to.deep.include({ name: 'datasource', query: 'prometheus' });
    });

    it('lays out panels with unique ids on the 24-column grid, each query panel with targets on the data source variable', () => {
      expect(queryPanels.length).to.be.at.least(10);
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size, 'unique panel ids').to.equal(ids.length);
      for (const panel of panels) {
        const where = `panel "${String(panel.title)}"`;
        expect(panel.type, where).to.be.a('string');
        const { x, y, w, h } = panel.gridPos ?? {};
        for (const n of [x, y, w, h]) expect(n, `${where} gridPos`).to.be.a('number');
        expect((x as number) + (w as number), `${where} fits in 24 columns`).to.be.at.most(24);
        if (panel.type === 'row') continue;
        expect(panel.datasource?.uid, where).to.equal('${datasource}');
        expect(panel.targets, where).to.be.an('array').that.is.not.empty;
        const refIds = panel.targets!.map((t) => t.refId);
        expect(new Set(refIds).size, `${where} refIds`).to.equal(refIds.length);
        for (const target of panel.targets!) {
          expect(target.expr, where).to.be.a('string').and.not.equal('');
          expect(target.datasource?.uid, where).to.equal('${datasource}');
        }
      }
    });

    it('uses only the template variables it defines (and Grafana built-ins)', () => {
      const defined = new Set(variables.map((v) => v.name));
      const texts = [...dashboardExprs.map((e) => e.expr), ...variables.map((v) => JSON.stringify(v.query ?? ''))];
      for (const text of texts) {
        for (const [, name] of text.matchAll(/\$\{?(\w+)/g)) {
          if (!name!.startsWith('__')) expect(defined.has(name), `$${name} in ${text}`).to.equal(true);
        }
      }
    });

    it('charts connections, send→ack percentiles, errors, backlogs, MQ failures, event-loop lag, frames and pushes', () => {
      const used = new Set(dashboardExprs.flatMap((e) => metricNames(e.expr)));
      for (const name of [
        'im_connections', 'im_send_ack_seconds_bucket', 'im_errors_total', 'im_retry_queue_depth', 'im_offline_backlog',
        'im_outbox_backlog', 'im_mq_publish_failures_total', 'nodejs_eventloop_lag_p99_seconds', 'im_frames_in_total',
        'im_frames_out_total', 'im_pushes_total',
      ]) expect(used.has(name), name).to.equal(true);
      expect(dashboardExprs.some((e) => /histogram_quantile\(0\.99,.*im_send_ack_seconds_bucket/.test(e.expr)), 'send→ack p99').to.equal(true);
    });
  });

  describe('config/prometheus-alerts.yml', () => {
    it('has groups of rules, each alert with expr, for, labels.severity and annotations.summary', () => {
      expect(rules.groups).to.be.an('array').that.is.not.empty;
      const names = alertRules.map((r) => r.alert);
      expect(new Set(names).size, 'unique alert names').to.equal(names.length);
      for (const group of rules.groups!) {
        expect(group.name).to.be.a('string');
        expect(group.rules, String(group.name)).to.be.an('array').that.is.not.empty;
      }
      for (const rule of alertRules) {
        const where = `alert ${String(rule.alert)}`;
        expect(rule.alert, where).to.be.a('string').and.match(/^[A-Z][A-Za-z0-9]+$/);
        expect(rule.expr, where).to.be.a('string').and.not.equal('');
        expect(rule.for, where).to.be.a('string').and.match(/^\d+[smhd]$/);
        expect(rule.labels?.severity, where).to.be.oneOf(['critical', 'warning', 'info']);
        expect(rule.annotations?.summary, where).to.be.a('string').and.not.equal('');
      }
    });

    it('covers gateway down, send→ack p99, errors, retry and outbox backlogs, MQ publish failures and event-loop lag', () => {
      const used = new Set(alertExprs.flatMap((e) => metricNames(e.expr)));
      for (const name of [
        'up', 'im_send_ack_seconds_bucket', 'im_errors_total', 'im_retry_queue_depth', 'im_outbox_backlog',
        'im_mq_publish_failures_total', 'nodejs_eventloop_lag_p99_seconds',
      ]) expect(used.has(name), name).to.equal(true);
    });
  });

  it('every metric in the dashboard and the alerts is served by the gateway, rate() only over counters', () => {
    const exprs = [
      ...dashboardExprs, ...alertExprs,
      ...variables.map((v) => ({ where: `variable $${String(v.name)}`, expr: variableMetrics(v).join(' ') })),
    ];
    expect(exprs.flatMap((e) => metricNames(e.expr)).length).to.be.at.least(30);
    const typeOf = (name: string) => served.get(name) ?? SCRAPE_SERIES.get(name);
    for (const { where, expr } of exprs) {
      for (const name of metricNames(expr)) expect(typeOf(name), `${where}: ${name} is not served (${expr})`).to.not.equal(undefined);
      for (const { fn, name } of rangeFunctionArgs(expr)) {
        const wanted = fn === 'deriv' || fn === 'delta' ? 'gauge' : 'counter';
        expect(typeOf(name), `${where}: ${fn}(${name})`).to.equal(wanted);
      }
    }
  });
});
