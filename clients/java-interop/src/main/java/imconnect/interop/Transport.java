package imconnect.interop;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection (java.net.http, no library). PROTOCOL.md: binary messages only, one
 * serialized im.v1.Frame per WebSocket message. java.net.http may hand a message over in several
 * parts, so parts are collected until {@code last}.
 */
final class Transport implements WebSocket.Listener {
  interface Sink {
    /** One whole binary WebSocket message (= one Frame). */
    void onMessage(byte[] data);

    /** The connection ended; code is the close code, or -1 for a transport error. */
    void onClosed(int code, String reason);
  }

  private final Sink sink;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Object sendLock = new Object();
  private volatile WebSocket ws;

  private Transport(Sink sink) {
    this.sink = sink;
  }

  static Transport open(URI uri, Sink sink, Duration timeout) throws Exception {
    Transport t = new Transport(sink);
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    t.ws = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, t)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return t;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    partial.write(chunk, 0, chunk.length);
    if (last) {
      byte[] message = partial.toByteArray();
      partial.reset();
      sink.onMessage(message);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    // The gateway never sends text; ignore it.
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    finish(statusCode, reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    finish(-1, String.valueOf(error));
  }

  private void finish(int code, String reason) {
    if (closed.complete(null)) sink.onClosed(code, reason == null ? "" : reason);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  /** Sends one frame; one send at a time (java.net.http allows one outstanding send). */
  void send(byte[] frame) throws Exception {
    synchronized (sendLock) {
      ws.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
    }
  }

  /** Normal closure (1000), then waits a little for the server's close. */
  void close() {
    try {
      synchronized (sendLock) {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      }
      closed.get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      ws.abort();
      finish(-1, "aborted");
    }
  }
}
