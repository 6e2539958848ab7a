package imconnect.interop;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Result lines on stdout, UTF-8, flushed per line. */
final class Out {
  private final PrintStream ps = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

  synchronized void line(String s) {
    ps.println(s);
    ps.flush();
  }
}
