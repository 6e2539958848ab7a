// The client port closes sockets that never finish their HTTP request (the WebSocket upgrade).
import net from 'node:net';
import { expect } from 'chai';
import { startGateway, type TestGateway } from '../support/gateway.js';

/** Resolves with how long the server took to close the socket after `write` was sent. */
function closedAfter(port: number, write: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(write));
    socket.resume(); // the server's 408 and FIN are only seen by a reading socket
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Date.now() - started));
    setTimeout(() => reject(new Error('socket still open after 10 s')), 10_000).unref();
  });
}

describe('transport/ws-server handshake timeout', function () {
  this.timeout(15_000);
  let gw: TestGateway;
  before(async () => {
    gw = await startGateway({ server: { handshakeTimeoutMs: 500 } });
  });
  after(() => gw.stop());

  it('closes a socket that sends nothing within the timeout (Node alone would wait 60-90 s)', async () => {
    expect(await closedAfter(gw.gateway.clientPort, '')).to.be.within(400, 3000);
  });

  it('closes a socket that sends half an upgrade request and stops (slowloris)', async () => {
    expect(await closedAfter(gw.gateway.clientPort, 'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n')).to.be.within(400, 3000);
  });
});
