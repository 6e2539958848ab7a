// The command table: which commands clients may send, and how each is guarded and metered.
import { expect } from 'chai';
import { Cmd } from '../../src/protocol/messages.js';
import { clientStrategies, type StrategyServices } from '../../src/strategies/index.js';
import { fake } from '../support/fakes.js';

describe('strategies/index', () => {
  const strategies = clientStrategies(fake<StrategyServices>({ heartbeatIntervalMs: 1000, maxPullLimit: 10 }));
  const byCmd = new Map(strategies.map((s) => [s.cmd as Cmd, s]));

  it('the c→s commands of PROTOCOL.md (version 1 and Additions A), one strategy each', () => {
    expect(strategies.map((s) => s.cmd).sort((a, b) => a - b)).to.deep.equal([
      Cmd.AUTH_REQ, Cmd.PING, Cmd.C2C_SEND_REQ, Cmd.C2C_ACK, Cmd.RECALL_REQ, Cmd.PULL_OFFLINE_REQ,
      Cmd.SYNC_REQ, Cmd.HISTORY_REQ, Cmd.READ_REQ, Cmd.TYPING_REQ,
      Cmd.GROUP_SEND_REQ, Cmd.GROUP_CREATE_REQ, Cmd.GROUP_MEMBERS_REQ, Cmd.GROUP_INFO_REQ,
    ]);
    expect(strategies.map((s) => s.cmd as number).sort((a, b) => a - b)).to.deep.equal([1, 3, 10, 13, 20, 30, 40, 42, 44, 47, 50, 60, 62, 64]);
  });

  it('only AUTH_REQ is accepted before login', () => {
    expect(strategies.filter((s) => s.access === 'login').map((s) => s.cmd)).to.deep.equal([Cmd.AUTH_REQ]);
  });

  it('meters: login free, heartbeats and acks from the acks bucket (acks by their ids), SYNC and HISTORY heavier than a request', () => {
    expect(byCmd.get(Cmd.AUTH_REQ)!.meter).to.equal('free');
    expect(byCmd.get(Cmd.PING)!.meter).to.deep.equal({ bucket: 'acks', cost: 1 });
    const ack = byCmd.get(Cmd.C2C_ACK)!.meter as { bucket: string; costOf(f: unknown): number };
    expect(ack.bucket).to.equal('acks');
    const costOf = (n: number) => ack.costOf({ cmd: Cmd.C2C_ACK, seq: 1, body: { msgIds: Array.from({ length: n }, (_, i) => String(i + 1)) } });
    expect([costOf(1), costOf(10), costOf(11), costOf(1000)]).to.deep.equal([1, 1, 2, 100]);
    expect(byCmd.get(Cmd.SYNC_REQ)!.meter).to.deep.equal({ bucket: 'requests', cost: 5 });
    expect(byCmd.get(Cmd.HISTORY_REQ)!.meter).to.deep.equal({ bucket: 'requests', cost: 2 });
    expect(byCmd.get(Cmd.GROUP_CREATE_REQ)!.meter).to.deep.equal({ bucket: 'requests', cost: 5 });
    expect(byCmd.get(Cmd.GROUP_MEMBERS_REQ)!.meter).to.deep.equal({ bucket: 'requests', cost: 2 });
    expect(byCmd.get(Cmd.GROUP_INFO_REQ)!.meter).to.deep.equal({ bucket: 'requests', cost: 2 });
    for (const cmd of [Cmd.C2C_SEND_REQ, Cmd.RECALL_REQ, Cmd.PULL_OFFLINE_REQ, Cmd.READ_REQ, Cmd.TYPING_REQ, Cmd.GROUP_SEND_REQ]) {
      expect(byCmd.get(cmd)!.meter, Cmd[cmd]).to.equal(undefined);
    }
  });
});
