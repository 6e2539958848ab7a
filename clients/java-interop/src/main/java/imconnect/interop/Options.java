package imconnect.interop;

/** Command-line options. */
final class Options {
  String url;
  String token;
  String device = "";
  String platform = "java-interop";
  boolean echo;
  boolean v1;
  boolean marks;
  boolean noHeartbeat;
  long timeoutMs = 10_000;

  static final String USAGE = String.join("\n",
      "usage: java -jar im-interop-client.jar --url ws://HOST:PORT/ws --token JWT [options] < steps",
      "  --device ID       AuthReq.device_id (default empty = the server's default device)",
      "  --platform P      AuthReq.platform (default java-interop)",
      "  --echo            AuthReq.echo_own_messages = true",
      "  --v1              version-1 mode: only PROTOCOL.md's version-1 commands, decoded with the",
      "                    version-1 schema (newer fields are skipped as unknown)",
      "  --marks           print \"#done <n>\" after step n (for programs driving the client)",
      "  --timeout MS      reply timeout and default wait timeout (default 10000)",
      "  --no-heartbeat    do not send PING (to see HEARTBEAT_TIMEOUT)",
      "  The token may also come from the environment variable IM_TOKEN.",
      "  Steps are read from stdin, one per line; see README.md.");

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--url" -> o.url = args[++i];
        case "--token" -> o.token = args[++i];
        case "--device" -> o.device = args[++i];
        case "--platform" -> o.platform = args[++i];
        case "--echo" -> o.echo = true;
        case "--v1" -> o.v1 = true;
        case "--marks" -> o.marks = true;
        case "--no-heartbeat" -> o.noHeartbeat = true;
        case "--timeout" -> o.timeoutMs = Long.parseLong(args[++i]);
        case "-h", "--help" -> throw new IllegalArgumentException("");
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (o.token == null) o.token = System.getenv("IM_TOKEN");
    if (o.url == null) throw new IllegalArgumentException("--url is required");
    if (o.token == null || o.token.isEmpty()) throw new IllegalArgumentException("--token (or IM_TOKEN) is required");
    return o;
  }
}
