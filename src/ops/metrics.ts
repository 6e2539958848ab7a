// ops/: what operators see: metrics, health, and the ops HTTP server.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Cmd, ErrorCode, KickReason } from '../protocol/messages.js';
import type { PipelineObserver } from '../pipeline/pipeline.js';

const cmdName = (cmd: number) => Cmd[cmd] ?? String(cmd);

/** One registry per gateway instance, so several gateways can live in one test process. */
export class Metrics implements PipelineObserver {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'im_connections', help: 'Open client connections', registers: [this.registry] });
  readonly auths = new Counter({ name: 'im_auth_total', help: 'Logins by result', labelNames: ['result'], registers: [this.registry] });
  readonly framesIn = new Counter({ name: 'im_frames_in_total', help: 'Frames received by cmd', labelNames: ['cmd'], registers: [this.registry] });
  readonly framesOut = new Counter({ name: 'im_frames_out_total', help: 'Frames sent by cmd', labelNames: ['cmd'], registers: [this.registry] });
  readonly errors = new Counter({ name: 'im_errors_total', help: 'ERROR frames sent by code', labelNames: ['code'], registers: [this.registry] });
  readonly kicks = new Counter({ name: 'im_kicks_total', help: 'Sessions kicked by reason', labelNames: ['reason'], registers: [this.registry] });
  readonly sendAckSeconds = new Histogram({
    name: 'im_send_ack_seconds', help: 'C2C_SEND_REQ received → C2C_SEND_ACK sent',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'im_commit_batch_size', help: 'Messages per group-commit transaction',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500], registers: [this.registry],
  });
  readonly pushes = new Counter({ name: 'im_pushes_total', help: 'C2C_PUSH sent, first or re-push', labelNames: ['kind'], registers: [this.registry] });
  readonly offlineDropped = new Counter({
    name: 'im_offline_dropped_total', help: 'Undelivered messages dropped from offline delivery', labelNames: ['why'], registers: [this.registry],
  });
  readonly publishFailures = new Counter({ name: 'im_mq_publish_failures_total', help: 'Failed MQ publish attempts (retried)', registers: [this.registry] });
  readonly published = new Counter({ name: 'im_mq_published_total', help: 'Events published to the MQ topic', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  frameIn(cmd: Cmd): void {
    this.framesIn.inc({ cmd: cmdName(cmd) });
  }

  frameOut(cmd: Cmd): void {
    this.framesOut.inc({ cmd: cmdName(cmd) });
  }

  error(code: ErrorCode): void {
    this.errors.inc({ code: ErrorCode[code] ?? String(code) });
  }

  kick(reason: KickReason): void {
    this.kicks.inc({ reason: KickReason[reason] ?? String(reason) });
  }
}
