package imconnect.interop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the server sent on its own (pushes, notifications, kicks, errors without a pending
 * request), kept in arrival order until a step prints it. Keeping them here rather than printing
 * them as they arrive makes a script's output depend only on the script.
 */
final class Events {
  private record Event(String kind, String line) {}

  private final List<Event> queue = new ArrayList<>();

  /** "group-push" is another name for the kind "group". */
  static String kind(String k) {
    return k.equals("group-push") ? "group" : k;
  }

  synchronized void add(String kind, String line) {
    queue.add(new Event(kind, line));
    notifyAll();
  }

  synchronized int count(String kind) {
    kind = kind(kind);
    int n = 0;
    for (Event e : queue) if (e.kind.equals(kind)) n++;
    return n;
  }

  /** Waits until n events of kind are queued and removes them; null on timeout (nothing removed). */
  synchronized List<String> take(String kind, int n, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (count(kind) < n) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) return null;
      wait(left);
    }
    return remove(kind, n);
  }

  /** Removes and returns every queued event of kind (all kinds for "any"). */
  synchronized List<String> drain(String kind) {
    return remove(kind, Integer.MAX_VALUE);
  }

  private List<String> remove(String kind, int n) {
    kind = kind(kind);
    List<String> out = new ArrayList<>();
    for (Iterator<Event> it = queue.iterator(); it.hasNext() && out.size() < n; ) {
      Event e = it.next();
      if (kind.equals("any") || e.kind.equals(kind)) {
        out.add(e.line);
        it.remove();
      }
    }
    return out;
  }
}
