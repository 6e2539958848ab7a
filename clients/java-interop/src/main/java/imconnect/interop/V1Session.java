package imconnect.interop;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Version-1 mode: a client that knows only the first half of PROTOCOL.md. It sends and reads
 * frames with the version-1 schema (V1Schema), so whatever the gateway added later arrives as
 * unknown fields (listed as ignored=... on the output lines, and otherwise skipped) or as
 * commands it does not know (the "unknown" events, otherwise skipped).
 */
final class V1Session extends BaseSession {
  private static final int AUTH_REQ = 1, AUTH_RESP = 2, PONG = 4, C2C_SEND_REQ = 10, C2C_SEND_ACK = 11, C2C_PUSH = 12,
      C2C_ACK = 13, RECALL_REQ = 20, RECALL_RESP = 21, RECALL_NOTIFY = 22, PULL_OFFLINE_REQ = 30, PULL_OFFLINE_RESP = 31,
      KICK = 98;

  private final V1Schema schema = new V1Schema();
  private final String clientMsgPrefix = "v" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sent = new AtomicLong();

  V1Session(Options opt, Out out) {
    super(opt, out);
  }

  // ---- DynamicMessage helpers ----

  private DynamicMessage.Builder build(String type) {
    return DynamicMessage.newBuilder(schema.type(type));
  }

  private static DynamicMessage.Builder set(DynamicMessage.Builder b, String field, Object value) {
    FieldDescriptor fd = b.getDescriptorForType().findFieldByName(field);
    if (fd.getType() == FieldDescriptor.Type.ENUM) value = fd.getEnumType().findValueByNumber((Integer) value);
    if (fd.isRepeated()) {
      for (Object v : (List<?>) value) b.addRepeatedField(fd, v);
      return b;
    }
    return b.setField(fd, value);
  }

  private DynamicMessage parse(String type, ByteString body) throws Exception {
    return DynamicMessage.parseFrom(schema.type(type), body);
  }

  private static Object get(DynamicMessage m, String field) {
    return m.getField(m.getDescriptorForType().findFieldByName(field));
  }

  private static long u64(DynamicMessage m, String field) {
    return (Long) get(m, field);
  }

  private static String str(DynamicMessage m, String field) {
    return (String) get(m, field);
  }

  /** An enum field's name, or its number when this schema does not know the value. */
  private static String enumName(DynamicMessage m, String field) {
    int n = enumNumber(m, field);
    EnumValueDescriptor known = m.getDescriptorForType().findFieldByName(field).getEnumType().findValueByNumber(n);
    return known != null ? known.getName() : String.valueOf(n);
  }

  /**
   * An enum field's number, also for a value this schema does not know (kept either as an
   * "unknown" enum value or among the unknown fields, depending on the protobuf runtime).
   */
  private static int enumNumber(DynamicMessage m, String field) {
    FieldDescriptor fd = m.getDescriptorForType().findFieldByName(field);
    int n = ((EnumValueDescriptor) m.getField(fd)).getNumber();
    if (n == 0 && m.getUnknownFields().hasField(fd.getNumber())) {
      List<Long> raw = m.getUnknownFields().getField(fd.getNumber()).getVarintList();
      if (!raw.isEmpty()) n = raw.get(raw.size() - 1).intValue();
    }
    return n;
  }

  /** Field numbers the version-1 schema does not know, as "8,9", or "-". */
  private static String ignored(DynamicMessage m) {
    var keys = m.getUnknownFields().asMap().keySet();
    return keys.isEmpty() ? "-" : keys.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  // ---- BaseSession ----

  @Override
  protected byte[] frameBytes(int cmd, int seq, ByteString body) {
    return set(set(set(set(build("Frame"), "version", 1), "cmd", cmd), "seq", seq), "body", body).build().toByteArray();
  }

  @Override
  protected void onFrameBytes(byte[] data) throws Exception {
    DynamicMessage f = DynamicMessage.parseFrom(schema.type("Frame"), data);
    dispatch(enumNumber(f, "cmd"), (Integer) get(f, "seq"), (ByteString) get(f, "body"));
  }

  @Override
  protected ByteString pingBody(long clientTimeMs) {
    return set(build("Ping"), "client_time_ms", clientTimeMs).build().toByteString();
  }

  @Override
  protected String describeError(ByteString body) throws Exception {
    DynamicMessage e = parse("Error", body);
    return enumName(e, "code") + " " + Ids.esc(str(e, "message"));
  }

  @Override
  boolean login() throws Exception {
    DynamicMessage req = set(set(set(build("AuthReq"), "token", opt.token), "device_id", opt.device), "platform", opt.platform).build();
    try {
      DynamicMessage r = parse("AuthResp", call(AUTH_REQ, req.toByteString(), AUTH_RESP));
      userId = u64(r, "user_id");
      int hb = (Integer) get(r, "heartbeat_interval_ms");
      out.line("auth " + Ids.u(userId) + " " + str(r, "session_id") + " hb=" + Integer.toUnsignedString(hb) + " v1");
      startHeartbeat(hb);
      return true;
    } catch (StepFailure f) {
      out.line("error " + f.code + " " + f.getMessage());
      return false;
    }
  }

  @Override
  protected void onServerFrame(int cmd, int seq, ByteString body) throws Exception {
    switch (cmd) {
      case C2C_PUSH -> {
        DynamicMessage m = (DynamicMessage) get(parse("C2CPush", body), "message");
        long id = u64(m, "msg_id");
        if (autoAck) sendOneWay(C2C_ACK, set(build("C2CAck"), "msg_ids", List.of(id)).build().toByteString());
        if (!seen.add(id)) {
          duplicatePushes++;
          return;
        }
        events.add("push", "push " + Ids.u(id) + " " + Ids.u(u64(m, "from_user_id")) + " " + Ids.u(u64(m, "to_user_id"))
            + " ignored=" + ignored(m) + " " + Ids.esc(str(m, "content")));
      }
      case RECALL_NOTIFY -> {
        DynamicMessage n = parse("RecallNotify", body);
        events.add("recall", "recall-notify " + Ids.u(u64(n, "msg_id")) + " " + Ids.u(u64(n, "from_user_id")) + " "
            + Ids.u(u64(n, "to_user_id")) + " ignored=" + ignored(n));
      }
      case KICK -> {
        DynamicMessage k = parse("Kick", body);
        events.add("kick", "kick " + enumName(k, "reason") + " " + Ids.esc(str(k, "detail")));
      }
      case CMD_ERROR -> events.add("error", "error " + describeError(body) + " seq=" + Integer.toUnsignedString(seq));
      case PONG -> { }
      // A command this version does not know (e.g. READ_NOTIFY or TYPING_NOTIFY, added later):
      // skipped, only counted for the test.
      default -> events.add("unknown", "unknown-cmd " + cmd);
    }
  }

  @Override
  protected boolean protocolStep(String verb, String line, String[] w) throws Exception {
    switch (verb) {
      case "send" -> send(clientMsgPrefix + "-" + sent.incrementAndGet(), Ids.parse(arg(w, 1)), rest(line, 2));
      case "sendid" -> send(arg(w, 1), Ids.parse(arg(w, 2)), rest(line, 3));
      case "recall" -> {
        DynamicMessage req = set(build("RecallReq"), "msg_id", Ids.parse(arg(w, 1))).build();
        DynamicMessage r = parse("RecallResp", call(RECALL_REQ, req.toByteString(), RECALL_RESP));
        out.line("recall-resp " + Ids.u(u64(r, "msg_id")) + " " + get(r, "recall_time_ms"));
      }
      case "pull" -> pull(w.length > 1 ? Integer.parseInt(w[1]) : 0);
      case "ack" -> {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 1; i < w.length; i++) ids.add(Ids.parse(w[i]));
        sendOneWay(C2C_ACK, set(build("C2CAck"), "msg_ids", ids).build().toByteString());
        out.line("acked " + ids.size());
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void send(String clientMsgId, long to, String content) throws Exception {
    DynamicMessage req = set(set(set(set(build("C2CSendReq"), "client_msg_id", clientMsgId), "to_user_id", to), "content", content),
        "format", 1 /* TEXT */).build();
    DynamicMessage a = parse("C2CSendAck", call(C2C_SEND_REQ, req.toByteString(), C2C_SEND_ACK));
    out.line("ack " + Ids.u(u64(a, "msg_id")) + " " + str(a, "client_msg_id") + " ignored=" + ignored(a));
  }

  private void pull(int limit) throws Exception {
    long after = 0;
    int pages = 0;
    int fresh = 0;
    int dup = 0;
    for (;;) {
      DynamicMessage req = set(set(build("PullOfflineReq"), "limit", limit), "after_msg_id", after).build();
      DynamicMessage r = parse("PullOfflineResp", call(PULL_OFFLINE_REQ, req.toByteString(), PULL_OFFLINE_RESP));
      pages++;
      @SuppressWarnings("unchecked")
      List<DynamicMessage> ms = (List<DynamicMessage>) get(r, "messages");
      List<Long> ids = new java.util.ArrayList<>();
      for (DynamicMessage m : ms) {
        long id = u64(m, "msg_id");
        ids.add(id);
        if (!seen.add(id)) {
          dup++;
          continue;
        }
        fresh++;
        out.line("pulled " + Ids.u(id) + " " + Ids.u(u64(m, "from_user_id")) + " " + Ids.u(u64(m, "to_user_id"))
            + " ignored=" + ignored(m) + " " + Ids.esc(str(m, "content")));
      }
      if (autoAck && !ids.isEmpty()) sendOneWay(C2C_ACK, set(build("C2CAck"), "msg_ids", ids).build().toByteString());
      if (!(Boolean) get(r, "has_more") || ms.isEmpty()) break;
      after = u64(ms.get(ms.size() - 1), "msg_id");
    }
    out.line("pull-end new=" + fresh + " dup=" + dup + " pages=" + pages);
  }
}
