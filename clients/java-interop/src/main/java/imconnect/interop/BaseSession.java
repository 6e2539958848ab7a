package imconnect.interop;

import com.google.protobuf.ByteString;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both protocol modes share: the connection, request/reply matching by Frame.seq, the
 * heartbeat, the event queue and the steps that need no protocol knowledge.
 */
abstract class BaseSession implements Transport.Sink {
  /** A reply to a request: its cmd (the expected reply or ERROR) and body. */
  record Reply(int cmd, ByteString body) {}

  static final int CMD_ERROR = 99;

  protected final Options opt;
  protected final Out out;
  protected final Events events = new Events();
  /** msg_ids seen in C2C_PUSH / PULL_OFFLINE_RESP: PROTOCOL.md says deduplicate by msg_id. */
  protected final Set<Long> seen = ConcurrentHashMap.newKeySet();
  protected volatile boolean autoAck = true;
  protected volatile long userId;
  protected volatile int duplicatePushes;

  private final Map<Integer, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger nextSeq = new AtomicInteger();
  /** Incoming frames are handled here, off the WebSocket thread, one at a time, in order. */
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(daemon("im-dispatch"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("im-heartbeat"));
  private Transport transport;

  BaseSession(Options opt, Out out) {
    this.opt = opt;
    this.out = out;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  // ---- what each protocol mode supplies ----

  /** Serializes a Frame (version 1). */
  protected abstract byte[] frameBytes(int cmd, int seq, ByteString body);

  /** Parses a Frame and hands it to {@link #dispatch}. */
  protected abstract void onFrameBytes(byte[] data) throws Exception;

  /** A frame the server sent on its own (seq 0), or an ERROR no request is waiting for. */
  protected abstract void onServerFrame(int cmd, int seq, ByteString body) throws Exception;

  /** AUTH_REQ; prints the "auth" line or the error. Returns false when the login failed. */
  abstract boolean login() throws Exception;

  /** A PING body with this client time. */
  protected abstract ByteString pingBody(long clientTimeMs);

  /** "CODE message" of an ERROR body. */
  protected abstract String describeError(ByteString body) throws Exception;

  /** One protocol step; false when the verb is not known to this mode. */
  protected abstract boolean protocolStep(String verb, String line, String[] w) throws Exception;

  // ---- connection ----

  void connect() throws Exception {
    transport = Transport.open(URI.create(opt.url), this, Duration.ofMillis(opt.timeoutMs));
  }

  @Override
  public void onMessage(byte[] data) {
    dispatcher.execute(() -> {
      try {
        onFrameBytes(data);
      } catch (Exception e) {
        events.add("error", "error CLIENT_DECODE " + Ids.esc(String.valueOf(e)));
      }
    });
  }

  @Override
  public void onClosed(int code, String reason) {
    dispatcher.execute(() -> {
      events.add("closed", "closed " + code + " " + Ids.esc(reason));
      for (CompletableFuture<Reply> f : pending.values()) f.completeExceptionally(new IllegalStateException("connection closed (" + code + ")"));
      pending.clear();
    });
  }

  /** Matches replies (seq != 0) to requests; everything else is the mode's. */
  protected final void dispatch(int cmd, int seq, ByteString body) throws Exception {
    if (seq != 0) {
      CompletableFuture<Reply> f = pending.remove(seq);
      if (f != null) {
        f.complete(new Reply(cmd, body));
        return;
      }
    }
    onServerFrame(cmd, seq, body);
  }

  /** A client-chosen uint32 seq, never 0 (0 marks server-initiated frames). */
  protected final int newSeq() {
    for (;;) {
      int s = nextSeq.incrementAndGet();
      if (s != 0) return s;
    }
  }

  protected final void sendFrame(int cmd, int seq, ByteString body) throws Exception {
    if (transport.isClosed()) throw new IllegalStateException("connection closed");
    transport.send(frameBytes(cmd, seq, body));
  }

  /** A request without a reply on success (C2C_ACK, TYPING_REQ); an ERROR for it becomes an event. */
  protected final void sendOneWay(int cmd, ByteString body) throws Exception {
    sendFrame(cmd, newSeq(), body);
  }

  /** Sends a request and waits for the frame that echoes its seq. */
  protected final Reply request(int cmd, ByteString body) throws Exception {
    int seq = newSeq();
    CompletableFuture<Reply> f = new CompletableFuture<>();
    pending.put(seq, f);
    try {
      sendFrame(cmd, seq, body);
      return f.get(opt.timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StepFailure("TIMEOUT", "no reply to cmd " + cmd + " within " + opt.timeoutMs + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new StepFailure("CLOSED", String.valueOf(e.getCause().getMessage()));
    } finally {
      pending.remove(seq);
    }
  }

  /** request() that turns an ERROR reply into a StepFailure, and checks the reply's cmd. */
  protected final ByteString call(int cmd, ByteString body, int expectCmd) throws Exception {
    Reply r = request(cmd, body);
    if (r.cmd() == CMD_ERROR) {
      String d = describeError(r.body());
      int sp = d.indexOf(' ');
      throw new StepFailure(sp < 0 ? d : d.substring(0, sp), sp < 0 ? "" : d.substring(sp + 1));
    }
    if (r.cmd() != expectCmd) throw new StepFailure("CLIENT_UNEXPECTED", "reply cmd " + r.cmd() + ", expected " + expectCmd);
    return r.body();
  }

  protected final void startHeartbeat(int intervalMs) {
    if (opt.noHeartbeat || intervalMs <= 0) return;
    timer.scheduleAtFixedRate(() -> {
      try {
        if (!transport.isClosed()) sendOneWay(3 /* PING */, pingBody(System.currentTimeMillis()));
      } catch (Exception ignored) {
        // the close shows up as a "closed" event
      }
    }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  void close() {
    timer.shutdownNow();
    if (transport != null && !transport.isClosed()) transport.close();
  }

  // ---- steps ----

  /** Runs one step line; returns false on quit. */
  final boolean step(String line) throws Exception {
    String[] w = line.trim().split("\\s+");
    String verb = w[0];
    try {
      switch (verb) {
        case "quit" -> {
          close();
          out.line("bye");
          return false;
        }
        case "sleep" -> {
          long ms = Long.parseLong(arg(w, 1));
          Thread.sleep(ms);
          out.line("slept " + ms);
        }
        case "echo" -> out.line("echo" + (line.trim().length() > 4 ? " " + line.trim().substring(5) : ""));
        case "whoami" -> out.line("user " + Ids.u(userId));
        case "autoack" -> {
          autoAck = !"off".equals(arg(w, 1));
          out.line("autoack " + (autoAck ? "on" : "off"));
        }
        case "wait" -> waitStep(w);
        case "none" -> noneStep(w);
        case "drain" -> {
          List<String> lines = events.drain(w.length > 1 ? w[1] : "any");
          for (String l : lines) out.line(l);
          out.line("drain-end " + lines.size());
        }
        case "stats" -> out.line("stats seen=" + seen.size() + " dup-pushes=" + duplicatePushes);
        case "ping" -> {
          long t0 = System.nanoTime();
          call(3, pingBody(System.currentTimeMillis()), 4);
          out.line("pong " + (System.nanoTime() - t0) / 1_000_000);
        }
        default -> {
          if (!protocolStep(verb, line.trim(), w)) out.line("error CLIENT_BAD_STEP unknown step '" + verb + "'" + (opt.v1 ? " (version-1 mode)" : ""));
        }
      }
    } catch (StepFailure f) {
      out.line("error " + f.code + " " + Ids.esc(f.getMessage()));
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      out.line("error CLIENT_BAD_STEP " + Ids.esc(String.valueOf(e.getMessage())) + " in '" + Ids.esc(line.trim()) + "'");
    }
    return true;
  }

  /** wait <kind> [N] [timeoutMs]: prints N events of kind (oldest first), or a timeout line. */
  private void waitStep(String[] w) throws InterruptedException {
    String kind = arg(w, 1);
    int n = w.length > 2 ? Integer.parseInt(w[2]) : 1;
    long timeout = w.length > 3 ? Long.parseLong(w[3]) : opt.timeoutMs;
    List<String> got = events.take(kind, n, timeout);
    if (got == null) {
      out.line("timeout " + kind + " got=" + events.count(kind) + " want=" + n);
      return;
    }
    for (String l : got) out.line(l);
  }

  /** none <kind> <ms>: after ms, no event of kind may be queued. */
  private void noneStep(String[] w) throws InterruptedException {
    String kind = arg(w, 1);
    long ms = w.length > 2 ? Long.parseLong(w[2]) : 500;
    Thread.sleep(ms);
    List<String> got = events.drain(kind);
    if (got.isEmpty()) {
      out.line("none " + kind);
      return;
    }
    for (String l : got) out.line("unexpected " + l);
  }

  static String arg(String[] w, int i) {
    if (i >= w.length) throw new IllegalArgumentException("missing argument " + i);
    return w[i];
  }

  /** The text after the first n words of a line. */
  static String rest(String line, int n) {
    String[] parts = line.split("\\s+", n + 1);
    if (parts.length <= n) throw new IllegalArgumentException("missing text");
    return parts[n];
  }

  /** A step failed: printed as "error CODE message". */
  static final class StepFailure extends Exception {
    final String code;

    StepFailure(String code, String message) {
      super(message);
      this.code = code;
    }
  }
}
