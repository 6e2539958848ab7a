// The benchmark's baseline: the same wire protocol relayed in memory with no persistence, no
// retries, no auth check. Our gateway's throughput is reported as a ratio of this one's.
// GROUP_SEND_REQ is a bare broadcast: the push is encoded once and written to every other
// connection (every connection is taken for a member of the one group).
//   tsx scripts/bench/relay.ts PORT
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd } from '../../src/protocol/messages.js';

const port = Number(process.argv[2] ?? 7170);
const byUser = new Map<string, WebSocket>();
let nextId = 1n << 62n;
let groupSeq = 0n;

const wss = new WebSocketServer({ port, host: '127.0.0.1', path: '/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  let userId = '';
  ws.on('error', () => {});
  ws.on('close', () => {
    if (byUser.get(userId) === ws) byUser.delete(userId);
  });
  ws.on('message', (data: Buffer) => {
    const frame = decodeFrame(data);
    switch (frame.cmd) {
      case Cmd.AUTH_REQ: {
        // The token's payload is trusted: the baseline measures relaying, not crypto.
        const payload = JSON.parse(Buffer.from(frame.body.token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string };
        userId = payload.sub;
        byUser.set(userId, ws);
        ws.send(encodeFrame(Cmd.AUTH_RESP, frame.seq, { userId, sessionId: userId, heartbeatIntervalMs: 30_000, serverTimeMs: Date.now() }));
        break;
      }
      case Cmd.PING:
        ws.send(encodeFrame(Cmd.PONG, frame.seq, { clientTimeMs: frame.body.clientTimeMs, serverTimeMs: Date.now() }));
        break;
      case Cmd.C2C_SEND_REQ: {
        const msgId = (nextId++).toString();
        const now = Date.now();
        ws.send(encodeFrame(Cmd.C2C_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId, serverTimeMs: now }));
        byUser.get(frame.body.toUserId)?.send(encodeFrame(Cmd.C2C_PUSH, 0, {
          message: { msgId, clientMsgId: frame.body.clientMsgId, fromUserId: userId, toUserId: frame.body.toUserId, content: frame.body.content, format: frame.body.format, createTimeMs: now },
        }));
        break;
      }
      case Cmd.GROUP_SEND_REQ: {
        const msgId = (nextId++).toString();
        const seq = (++groupSeq).toString();
        const convId = `g_${frame.body.groupId}`;
        const now = Date.now();
        ws.send(encodeFrame(Cmd.GROUP_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId, serverTimeMs: now, convId, seq }));
        // The fields the gateway's GROUP_PUSH carries, so that both write frames of the same size.
        const push = encodeFrame(Cmd.GROUP_PUSH, 0, {
          message: {
            msgId, clientMsgId: frame.body.clientMsgId, fromUserId: userId, toUserId: '0', content: frame.body.content, format: frame.body.format,
            createTimeMs: now, convId, seq, groupId: frame.body.groupId, recalled: false, recalledMsgId: '0', mentionUserIds: frame.body.mentionUserIds,
            groupEvent: null,
          },
        });
        for (const other of byUser.values()) if (other !== ws) other.send(push);
        break;
      }
      default:
        break;
    }
  });
});
wss.on('listening', () => process.stdout.write(`relay listening on ${port}\n`));
