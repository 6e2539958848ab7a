// The three gateway nodes of a chaos run: production mode, one process each (ClusterNode, as the
// cluster suite runs them), on fixed ports, against the run's own Redis and MariaDB and the MQ
// proxy. A supervisor restarts a node that exits on a failure the way the systemd unit does
// (config/im-connect.service: Restart=on-failure, RestartSec=2s, not after exit status 2).
import { spawn } from 'node:child_process';
import { ClusterNode, REPO_ROOT, sleep } from '../../test/cluster/support/cluster.js';

export const CHAOS_SECRET = 'chaos-test-secret-0123456789abcdef0123456789';
const RESTART_SEC_MS = 2000;

export interface NodeSlot {
  readonly id: string;
  readonly clientPort: number;
  readonly opsPort: number;
  readonly opsUrl: string;
  node: ClusterNode | null;
  /** Set while the harness itself stops the node: the supervisor leaves it down. */
  planned: boolean;
}

export interface BackendEnv {
  mysqlPort: number;
  database: string;
  redisPort: number;
  keyPrefix: string;
  mqEndpoint: string;
  topic: string;
}

export class ChaosNodes {
  readonly slots: NodeSlot[];
  /** Exits the supervisor answered with a restart: "node-a: code 1". */
  readonly unplannedExits: string[] = [];
  private closed = false;

  constructor(firstPort: number, private readonly backend: BackendEnv) {
    this.slots = ['node-a', 'node-b', 'node-c'].map((id, i) => {
      const clientPort = firstPort + 2 * i;
      const opsPort = clientPort + 1;
      return { id, clientPort, opsPort, opsUrl: `http://127.0.0.1:${opsPort}`, node: null, planned: false };
    });
  }

  slot(id: string): NodeSlot {
    const slot = this.slots.find((s) => s.id === id);
    if (slot === undefined) throw new Error(`no node ${id}`);
    return slot;
  }

  async startAll(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.start(s)));
  }

  /** Spawns the node and waits for /readyz. */
  async start(slot: NodeSlot): Promise<void> {
    slot.planned = false;
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO_ROOT,
      env: this.env(slot),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const node = new ClusterNode(slot.id, slot.clientPort, slot.opsPort, proc);
    slot.node = node;
    void node.exited.then((exit) => this.supervise(slot, node, exit.code, exit.signal));
    await node.ready(90_000);
  }

  /** kill -9, left down until `start`. */
  async kill(slot: NodeSlot): Promise<void> {
    slot.planned = true;
    await slot.node?.kill();
  }

  /** SIGTERM drain, left down until `start`; the exit it ended with. */
  async drain(slot: NodeSlot, timeoutMs: number): Promise<string> {
    slot.planned = true;
    const exit = await slot.node!.stop(timeoutMs);
    return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`;
  }

  /** Every node running and answering /readyz 200 right now. */
  async allReady(): Promise<boolean> {
    const answers = await Promise.all(this.slots.map(async (s) => {
      if (s.node === null || !s.node.alive) return false;
      try {
        const res = await fetch(`${s.opsUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        return res.status === 200;
      } catch {
        return false;
      }
    }));
    return answers.every(Boolean);
  }

  logs(): string {
    return this.slots.map((s) => `---- ${s.id} ----\n${s.node?.logs.slice(-6000) || '(no output)'}`).join('\n');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(async (s) => {
      s.planned = true;
      try {
        await s.node?.stop(15_000);
      } catch {
        await s.node?.kill();
      }
    }));
  }

  private supervise(slot: NodeSlot, node: ClusterNode, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.closed || slot.planned || slot.node !== node || code === 0 || code === 2) return;
    this.unplannedExits.push(`${slot.id}: ${signal ?? `code ${code}`}`);
    void sleep(RESTART_SEC_MS).then(async () => {
      if (this.closed || slot.planned || slot.node !== node) return;
      try {
        await this.start(slot);
      } catch {
        // start() failed because the node exited again: its own supervise() restarts it
      }
    });
  }

  private env(slot: NodeSlot): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.IM_CONFIG;
    const b = this.backend;
    return {
      ...env,
      IM_MODE: 'production',
      IM_NODE__ID: slot.id,
      IM_NODE__WORKER_ID: '-1',
      // A killed node's routes lapse within seconds, as in the cluster suite.
      IM_NODE__PRESENCE_TTL_MS: '3000',
      IM_SERVER__HOST: '127.0.0.1',
      IM_SERVER__PORT: String(slot.clientPort),
      IM_OPS__HOST: '127.0.0.1',
      IM_OPS__PORT: String(slot.opsPort),
      IM_OPS__SHUTDOWN_GRACE_MS: '5000',
      IM_AUTH__JWT_SECRET: CHAOS_SECRET,
      IM_STORAGE__MYSQL__HOST: '127.0.0.1',
      IM_STORAGE__MYSQL__PORT: String(b.mysqlPort),
      IM_STORAGE__MYSQL__USER: 'root',
      IM_STORAGE__MYSQL__PASSWORD: '',
      IM_STORAGE__MYSQL__DATABASE: b.database,
      IM_STORAGE__MYSQL__POOL_SIZE: '6',
      IM_REDIS__URL: `redis://127.0.0.1:${b.redisPort}`,
      IM_REDIS__KEY_PREFIX: b.keyPrefix,
      IM_MQ__KIND: 'rocketmq',
      IM_MQ__TOPIC: b.topic,
      IM_MQ__ENDPOINTS: b.mqEndpoint,
      IM_MQ__RELAY_INTERVAL_MS: '50',
      IM_LOG__LEVEL: 'warn',
      IM_LOG__FORMAT: 'json',
      IM_RETRY__TICK_MS: '100',
      IM_RETRY__INITIAL_BACKOFF_MS: '300',
      // A message committed while Redis was down and never resent is armed by the sweep; a short
      // delay keeps that path inside a short run.
      IM_OFFLINE__ARM_SWEEP_DELAY_MS: '5000',
      IM_OFFLINE__ARM_SWEEP_INTERVAL_MS: '1000',
      // Steady load per user is the point here; the per-user limit has its own test.
      IM_LIMITS__USER_SENDS_PER_SEC: '0',
    };
  }
}
