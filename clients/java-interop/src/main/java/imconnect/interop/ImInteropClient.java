package imconnect.interop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A command-line im-connect client written from PROTOCOL.md and proto/im/v1/im.proto alone.
 * It logs in (AUTH_REQ) on start, keeps the heartbeat, confirms pushes, then runs the steps it
 * reads from stdin, one per line, printing one or more parseable lines per step (README.md).
 *
 * Exit status: 0 after quit or end of input, 1 bad usage, 2 connect or login failed.
 */
public final class ImInteropClient {
  private ImInteropClient() {}

  public static void main(String[] args) throws Exception {
    Options opt;
    try {
      opt = Options.parse(args);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      if (e.getMessage() != null && !e.getMessage().isEmpty()) System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(1);
      return;
    }
    Out out = new Out();
    BaseSession session = opt.v1 ? new V1Session(opt, out) : new Session(opt, out);
    try {
      session.connect();
    } catch (Exception e) {
      out.line("error CONNECT " + Ids.esc(String.valueOf(e)));
      System.exit(2);
    }
    if (!session.login()) {
      session.close();
      System.exit(2);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int n = 0;
    boolean more = true;
    for (String line; more && (line = in.readLine()) != null; ) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("#")) continue;
      n++;
      more = session.step(t);
      if (opt.marks) out.line("#done " + n);
    }
    if (more) session.close();
    System.exit(0);
  }
}
