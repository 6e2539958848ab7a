package imconnect.interop;

/**
 * uint64 handling. Java has no unsigned long, so a uint64 id lives in a long with the same 64
 * bits: ids of 2^63 and above are negative as signed longs. They are printed, parsed and compared
 * unsigned, never as signed numbers (and never through a double).
 */
final class Ids {
  private Ids() {}

  static String u(long v) {
    return Long.toUnsignedString(v);
  }

  static long parse(String s) {
    return Long.parseUnsignedLong(s);
  }

  /** One-to-one conversation id: c_<lo>_<hi>, the two user ids in decimal with lo <= hi (unsigned). */
  static String convId(long a, long b) {
    long lo = Long.compareUnsigned(a, b) <= 0 ? a : b;
    long hi = lo == a ? b : a;
    return "c_" + u(lo) + "_" + u(hi);
  }

  /** Content on one output line: backslash, CR and LF escaped. */
  static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }
}
