// The `ws` package as the client SDK sees it, over the browser's own WebSocket: the browser bundle
// (scripts/build-web.ts) maps `ws` to this file, so src/client/im-client.ts runs unchanged.
// Covers what ImClient uses: on/once for open, message, close and error; send, close, terminate,
// readyState and the static state constants.

type Listener = (...args: never[]) => void;

export default class WebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  private readonly socket: globalThis.WebSocket;
  private readonly listeners = new Map<string, Array<{ fn: Listener; once: boolean }>>();
  private closeReported = false;

  /** The options are `ws`'s (perMessageDeflate); browsers negotiate extensions on their own. */
  constructor(url: string, _options?: object) {
    this.socket = new globalThis.WebSocket(url);
    // ws hands binary messages over as one buffer; ArrayBuffer is the browser's closest.
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => this.emit('open');
    this.socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data === 'string') this.emit('message', event.data, false);
      else this.emit('message', new Uint8Array(event.data), true);
    };
    // The browser tells nothing about the cause (by design); 'close' follows with the code.
    this.socket.onerror = () => this.emit('error', new Error(`WebSocket error on ${url}`));
    this.socket.onclose = (event) => this.reportClose(event.code, event.reason);
  }

  get readyState(): number {
    return this.closeReported ? WebSocket.CLOSED : this.socket.readyState;
  }

  on(event: string, fn: Listener): this {
    return this.listen(event, fn, false);
  }

  once(event: string, fn: Listener): this {
    return this.listen(event, fn, true);
  }

  send(data: Uint8Array): void {
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /**
   * ws drops the connection at once and reports close 1006. A browser can only start the close
   * handshake, which a dead peer never finishes, so the close is reported now and the browser's
   * own close event later is ignored.
   */
  terminate(): void {
    if (this.closeReported) return;
    this.socket.close();
    this.reportClose(1006, '');
  }

  private listen(event: string, fn: Listener, once: boolean): this {
    const list = this.listeners.get(event) ?? [];
    list.push({ fn, once });
    this.listeners.set(event, list);
    return this;
  }

  private reportClose(code: number, reason: string): void {
    if (this.closeReported) return;
    this.closeReported = true;
    this.emit('close', code, reason);
  }

  private emit(event: string, ...args: unknown[]): void {
    const list = this.listeners.get(event);
    if (list === undefined) return;
    this.listeners.set(event, list.filter((entry) => !entry.once));
    for (const { fn } of list) (fn as (...a: unknown[]) => void)(...args);
  }
}
