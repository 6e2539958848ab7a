package imconnect.interop;

import com.google.protobuf.ByteString;
import im.v1.AuthReq;
import im.v1.AuthResp;
import im.v1.C2CAck;
import im.v1.C2CPush;
import im.v1.C2CSendAck;
import im.v1.C2CSendReq;
import im.v1.ChatMessage;
import im.v1.Cmd;
import im.v1.ConvState;
import im.v1.Frame;
import im.v1.GroupCreateReq;
import im.v1.GroupCreateResp;
import im.v1.GroupEvent;
import im.v1.GroupInfo;
import im.v1.GroupInfoReq;
import im.v1.GroupInfoResp;
import im.v1.GroupMember;
import im.v1.GroupMembersReq;
import im.v1.GroupMembersResp;
import im.v1.GroupPush;
import im.v1.GroupSendAck;
import im.v1.GroupSendReq;
import im.v1.HistoryReq;
import im.v1.HistoryResp;
import im.v1.Kick;
import im.v1.MsgFormat;
import im.v1.Ping;
import im.v1.PullOfflineReq;
import im.v1.PullOfflineResp;
import im.v1.ReadNotify;
import im.v1.ReadReq;
import im.v1.ReadResp;
import im.v1.RecallNotify;
import im.v1.RecallReq;
import im.v1.RecallResp;
import im.v1.SyncReq;
import im.v1.SyncResp;
import im.v1.TypingNotify;
import im.v1.TypingReq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** The current protocol (version 1 with Additions A), with the classes protoc generated from proto/. */
final class Session extends BaseSession {
  /** Unique per process, so that client_msg_ids never repeat across runs (PROTOCOL.md rule 2). */
  private final String clientMsgPrefix = "j" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sent = new AtomicLong();
  /** The highest seq GROUP_PUSH brought per group: pushes come in seq order per session (rule 15). */
  private final Map<Long, Long> lastGroupSeq = new ConcurrentHashMap<>();

  Session(Options opt, Out out) {
    super(opt, out);
  }

  @Override
  protected byte[] frameBytes(int cmd, int seq, ByteString body) {
    return Frame.newBuilder().setVersion(1).setCmdValue(cmd).setSeq(seq).setBody(body).build().toByteArray();
  }

  @Override
  protected void onFrameBytes(byte[] data) throws Exception {
    Frame f = Frame.parseFrom(data);
    dispatch(f.getCmdValue(), f.getSeq(), f.getBody());
  }

  @Override
  protected ByteString pingBody(long clientTimeMs) {
    return Ping.newBuilder().setClientTimeMs(clientTimeMs).build().toByteString();
  }

  @Override
  protected String describeError(ByteString body) throws Exception {
    im.v1.Error e = im.v1.Error.parseFrom(body);
    return e.getCode() + " " + Ids.esc(e.getMessage());
  }

  @Override
  boolean login() throws Exception {
    AuthReq req = AuthReq.newBuilder().setToken(opt.token).setDeviceId(opt.device).setPlatform(opt.platform)
        .setEchoOwnMessages(opt.echo).build();
    try {
      AuthResp r = AuthResp.parseFrom(call(Cmd.AUTH_REQ_VALUE, req.toByteString(), Cmd.AUTH_RESP_VALUE));
      userId = r.getUserId();
      out.line("auth " + Ids.u(r.getUserId()) + " " + r.getSessionId() + " hb=" + r.getHeartbeatIntervalMs());
      startHeartbeat(r.getHeartbeatIntervalMs());
      return true;
    } catch (StepFailure f) {
      out.line("error " + f.code + " " + f.getMessage());
      return false;
    }
  }

  // ---- frames from the server ----

  @Override
  protected void onServerFrame(int cmd, int seq, ByteString body) throws Exception {
    switch (cmd) {
      case Cmd.C2C_PUSH_VALUE -> onPush(C2CPush.parseFrom(body).getMessage());
      case Cmd.GROUP_PUSH_VALUE -> onGroupPush(GroupPush.parseFrom(body).getMessage());
      case Cmd.READ_NOTIFY_VALUE -> {
        ReadNotify n = ReadNotify.parseFrom(body);
        events.add("read", "read-notify " + n.getConvId() + " " + Ids.u(n.getUserId()) + " " + Ids.u(n.getReadSeq()));
      }
      case Cmd.TYPING_NOTIFY_VALUE -> {
        TypingNotify n = TypingNotify.parseFrom(body);
        events.add("typing", "typing-notify " + n.getConvId() + " " + Ids.u(n.getUserId()) + " " + (n.getTyping() ? "on" : "off"));
      }
      case Cmd.RECALL_NOTIFY_VALUE -> {
        RecallNotify n = RecallNotify.parseFrom(body);
        events.add("recall", "recall-notify " + Ids.u(n.getMsgId()) + " " + n.getConvId() + " " + Ids.u(n.getSeq()) + " "
            + Ids.u(n.getFromUserId()) + " " + Ids.u(n.getToUserId()));
      }
      case Cmd.KICK_VALUE -> {
        Kick k = Kick.parseFrom(body);
        events.add("kick", "kick " + k.getReason() + " " + Ids.esc(k.getDetail()));
      }
      case Cmd.ERROR_VALUE -> events.add("error", "error " + describeError(body) + " seq=" + Integer.toUnsignedString(seq));
      case Cmd.PONG_VALUE -> { /* heartbeat reply */ }
      default -> events.add("unknown", "unknown-cmd " + cmd);
    }
  }

  /**
   * C2C_PUSH: confirm with C2C_ACK (also a repeated one: the server re-pushes when an ack was
   * lost), show each msg_id once. An echo of this user's own message from another session needs
   * no ack (AuthReq.echo_own_messages).
   */
  private void onPush(ChatMessage m) throws Exception {
    boolean echoOfOwn = m.getFromUserId() == userId && m.getToUserId() != userId;
    if (autoAck && !echoOfOwn) sendOneWay(Cmd.C2C_ACK_VALUE, C2CAck.newBuilder().addMsgIds(m.getMsgId()).build().toByteString());
    if (!seen.add(m.getMsgId())) {
      duplicatePushes++;
      return;
    }
    events.add("push", "push " + Ids.u(m.getMsgId()) + " " + m.getConvId() + " " + Ids.u(m.getSeq()) + " "
        + Ids.u(m.getFromUserId()) + " " + Ids.esc(m.getContent()));
  }

  /**
   * GROUP_PUSH: live, at most once, no C2C_ACK (rule 15). Every push is shown, repeats included
   * (a repeat would break "at most once", so it must be visible). What the contract says about a
   * group entry is checked here; a violation is queued as an "error CLIENT_CONTRACT" event.
   */
  private void onGroupPush(ChatMessage m) {
    long gid = m.getGroupId();
    String problem = groupEntryProblem(m, gid);
    if (problem != null) events.add("error", "error CLIENT_CONTRACT group-push " + Ids.u(m.getMsgId()) + ": " + problem);
    Long last = lastGroupSeq.put(gid, m.getSeq());
    if (last != null && Long.compareUnsigned(m.getSeq(), last) <= 0) {
      events.add("error", "error CLIENT_CONTRACT group-push " + Ids.u(m.getMsgId()) + ": seq " + Ids.u(m.getSeq()) + " after seq " + Ids.u(last) + " in g_" + Ids.u(gid));
    }
    events.add("group", "group-push " + Ids.u(gid) + " " + Ids.u(m.getSeq()) + " " + entry(m));
  }

  /** What PROTOCOL.md says every entry of group gid looks like; null when it does. */
  private static String groupEntryProblem(ChatMessage m, long gid) {
    List<String> p = new ArrayList<>();
    if (gid == 0) p.add("group_id 0");
    if (!m.getConvId().equals("g_" + Ids.u(gid))) p.add("conv_id '" + Ids.esc(m.getConvId()) + "' for group_id " + Ids.u(gid));
    if (m.getToUserId() != 0) p.add("to_user_id " + Ids.u(m.getToUserId()) + " (not 0)");
    if (m.getSeq() == 0) p.add("seq 0");
    if (m.getMsgId() == 0) p.add("msg_id 0");
    if (m.getFormat() == MsgFormat.RECALL && (m.getRecalledMsgId() == 0 || !m.getContent().isEmpty())) p.add("RECALL tombstone without recalled_msg_id or with content");
    if (m.getFormat() == MsgFormat.GROUP_EVENT && !m.hasGroupEvent()) p.add("GROUP_EVENT without group_event");
    if (m.getRecalled() && !m.getContent().isEmpty()) p.add("recalled with content");
    return p.isEmpty() ? null : String.join(", ", p);
  }

  /**
   * "<format> <from> <msgId> <what>", what being: for GROUP_EVENT "<KIND> actor=<u> users=<u,...>
   * [name=<name>]"; for RECALL "recalled-msg=<msgId>"; for a recalled message "~recalled"; else
   * the content (escaped). Content where none belongs is shown as " content=<text>".
   */
  static String entry(ChatMessage m) {
    String head = formatName(m) + " " + Ids.u(m.getFromUserId()) + " " + Ids.u(m.getMsgId()) + " ";
    String content = Ids.esc(m.getContent());
    if (m.getFormat() == MsgFormat.GROUP_EVENT) {
      GroupEvent e = m.getGroupEvent();
      String s = (e.getKind() == im.v1.GroupEventKind.UNRECOGNIZED ? "kind" + e.getKindValue() : e.getKind().name())
          + " actor=" + Ids.u(e.getActorUserId()) + " users=" + idList(e.getUserIdsList());
      if (!e.getName().isEmpty()) s += " name=" + Ids.esc(e.getName());
      return head + s + (content.isEmpty() ? "" : " content=" + content);
    }
    if (m.getFormat() == MsgFormat.RECALL) return head + "recalled-msg=" + Ids.u(m.getRecalledMsgId()) + (content.isEmpty() ? "" : " content=" + content);
    if (m.getRecalled()) return head + "~recalled" + (content.isEmpty() ? "" : " content=" + content);
    return head + content;
  }

  private static String formatName(ChatMessage m) {
    return m.getFormat() == MsgFormat.UNRECOGNIZED ? "format" + m.getFormatValue() : m.getFormat().name();
  }

  static String idList(List<Long> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(Ids::u).collect(Collectors.joining(","));
  }

  /** "1,2,3" (unsigned decimal) or "-" for none. */
  static List<Long> parseIds(String s) {
    List<Long> out = new ArrayList<>();
    if (s.equals("-")) return out;
    for (String part : s.split(",")) if (!part.isEmpty()) out.add(Ids.parse(part));
    return out;
  }

  /** A group argument: the group id, or its conv_id g_<id>. */
  static long groupArg(String a) {
    return Ids.parse(a.startsWith("g_") ? a.substring(2) : a);
  }

  static String groupLine(String word, GroupInfo g) {
    return word + " " + Ids.u(g.getGroupId()) + " owner=" + Ids.u(g.getOwnerUserId()) + " members="
        + Integer.toUnsignedString(g.getMemberCount()) + " created=" + g.getCreateTimeMs() + " name=" + Ids.esc(g.getName());
  }

  // ---- steps ----

  @Override
  protected boolean protocolStep(String verb, String line, String[] w) throws Exception {
    switch (verb) {
      case "send" -> send(clientMsgPrefix + "-" + sent.incrementAndGet(), Ids.parse(arg(w, 1)), rest(line, 2));
      case "sendid" -> send(arg(w, 1), Ids.parse(arg(w, 2)), rest(line, 3));
      case "conv-id" -> out.line("conv-id " + Ids.convId(userId, Ids.parse(arg(w, 1))));
      case "sync" -> sync(w.length > 1 ? Integer.parseInt(w[1]) : 0, w.length > 2 ? Long.parseLong(w[2]) : 0);
      case "history" -> history(w);
      case "scroll" -> scroll(conv(arg(w, 1)), arg(w, 2), Integer.parseInt(arg(w, 3)), w.length > 4 ? Ids.parse(w[4]) : 0);
      case "read" -> {
        ReadReq req = ReadReq.newBuilder().setConvId(conv(arg(w, 1))).setReadSeq(Ids.parse(arg(w, 2))).build();
        ReadResp r = ReadResp.parseFrom(call(Cmd.READ_REQ_VALUE, req.toByteString(), Cmd.READ_RESP_VALUE));
        out.line("read-resp " + r.getConvId() + " " + Ids.u(r.getReadSeq()) + " unread=" + Integer.toUnsignedString(r.getUnread()));
      }
      case "typing" -> {
        String conv = conv(arg(w, 1));
        boolean on = !"off".equals(arg(w, 2));
        sendOneWay(Cmd.TYPING_REQ_VALUE, TypingReq.newBuilder().setConvId(conv).setTyping(on).build().toByteString());
        out.line("typing-sent " + conv + " " + (on ? "on" : "off"));
      }
      case "recall" -> {
        RecallReq req = RecallReq.newBuilder().setMsgId(Ids.parse(arg(w, 1))).build();
        RecallResp r = RecallResp.parseFrom(call(Cmd.RECALL_REQ_VALUE, req.toByteString(), Cmd.RECALL_RESP_VALUE));
        out.line("recall-resp " + Ids.u(r.getMsgId()) + " " + r.getRecallTimeMs());
      }
      case "group-create" -> groupCreate(w);
      case "group-add" -> groupMembers(w, "add");
      case "group-remove" -> groupMembers(w, "remove");
      case "group-promote" -> groupMembers(w, "promote");
      case "group-demote" -> groupMembers(w, "demote");
      case "group-leave" -> groupMembers(new String[] {w[0], arg(w, 1), Ids.u(userId)}, "remove");
      case "group-info" -> groupInfo(groupArg(arg(w, 1)), w.length > 2 ? Integer.parseInt(w[2]) : 0);
      case "group-send" -> groupSend(clientMsgPrefix + "-" + sent.incrementAndGet(), groupArg(arg(w, 1)), MsgFormat.TEXT, rest(line, 2));
      case "group-sendid" -> groupSend(arg(w, 1), groupArg(arg(w, 2)), MsgFormat.TEXT, rest(line, 3));
      case "group-sendfmt" -> groupSend(clientMsgPrefix + "-" + sent.incrementAndGet(), groupArg(arg(w, 2)), MsgFormat.valueOf(arg(w, 1)), rest(line, 3));
      case "pull" -> pull(w.length > 1 ? Integer.parseInt(w[1]) : 0);
      case "ack" -> {
        C2CAck.Builder b = C2CAck.newBuilder();
        for (int i = 1; i < w.length; i++) b.addMsgIds(Ids.parse(w[i]));
        sendOneWay(Cmd.C2C_ACK_VALUE, b.build().toByteString());
        out.line("acked " + (w.length - 1));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** A conversation argument: a conv_id as is, or peer:<userId> for the one-to-one with that user. */
  private String conv(String a) {
    return a.startsWith("peer:") ? Ids.convId(userId, Ids.parse(a.substring(5))) : a;
  }

  private void send(String clientMsgId, long to, String content) throws Exception {
    C2CSendReq req = C2CSendReq.newBuilder().setClientMsgId(clientMsgId).setToUserId(to).setContent(content)
        .setFormat(MsgFormat.TEXT).build();
    C2CSendAck a = C2CSendAck.parseFrom(call(Cmd.C2C_SEND_REQ_VALUE, req.toByteString(), Cmd.C2C_SEND_ACK_VALUE));
    out.line("ack " + Ids.u(a.getMsgId()) + " " + a.getConvId() + " " + Ids.u(a.getSeq()) + " " + a.getClientMsgId());
  }

  /** group-create <name> <id,id,...|-> [reqid <clientReqId>]: GROUP_CREATE_REQ. */
  private void groupCreate(String[] w) throws Exception {
    String reqId = clientMsgPrefix + "-g" + sent.incrementAndGet();
    if (w.length > 4 && w[3].equals("reqid")) reqId = w[4];
    GroupCreateReq req = GroupCreateReq.newBuilder().setName(arg(w, 1)).addAllMemberUserIds(parseIds(arg(w, 2))).setClientReqId(reqId).build();
    GroupCreateResp r = GroupCreateResp.parseFrom(call(Cmd.GROUP_CREATE_REQ_VALUE, req.toByteString(), Cmd.GROUP_CREATE_RESP_VALUE));
    out.line(groupLine("group-created", r.getGroup()) + " reqid=" + Ids.esc(reqId));
  }

  /** group-add|remove|promote|demote <group> <id,id,...>: GROUP_MEMBERS_REQ with that one list. */
  private void groupMembers(String[] w, String what) throws Exception {
    GroupMembersReq.Builder b = GroupMembersReq.newBuilder().setGroupId(groupArg(arg(w, 1)));
    List<Long> ids = parseIds(arg(w, 2));
    switch (what) {
      case "add" -> b.addAllAddUserIds(ids);
      case "remove" -> b.addAllRemoveUserIds(ids);
      case "promote" -> b.addAllPromoteUserIds(ids);
      default -> b.addAllDemoteUserIds(ids);
    }
    GroupMembersResp r = GroupMembersResp.parseFrom(call(Cmd.GROUP_MEMBERS_REQ_VALUE, b.build().toByteString(), Cmd.GROUP_MEMBERS_RESP_VALUE));
    out.line(groupLine("group", r.getGroup()));
  }

  /** group-info <group> [limit]: GROUP_INFO_REQ page after page (after_user_id cursor). */
  private void groupInfo(long gid, int limit) throws Exception {
    long after = 0;
    int pages = 0;
    int count = 0;
    List<String> members = new ArrayList<>();
    GroupInfo first = null;
    for (;;) {
      GroupInfoReq req = GroupInfoReq.newBuilder().setGroupId(gid).setAfterUserId(after).setLimit(limit).build();
      GroupInfoResp r = GroupInfoResp.parseFrom(call(Cmd.GROUP_INFO_REQ_VALUE, req.toByteString(), Cmd.GROUP_INFO_RESP_VALUE));
      pages++;
      if (first == null) first = r.getGroup();
      for (GroupMember m : r.getMembersList()) {
        if (count > 0 && Long.compareUnsigned(m.getUserId(), after) <= 0) {
          throw new StepFailure("CLIENT_CONTRACT", "member " + Ids.u(m.getUserId()) + " after " + Ids.u(after) + " (not ascending)");
        }
        count++;
        after = m.getUserId();
        String role = m.getRole() == im.v1.GroupRole.UNRECOGNIZED ? "role" + m.getRoleValue() : m.getRole().name();
        members.add("member " + Ids.u(m.getUserId()) + " " + role + " joined=" + m.getJoinTimeMs());
      }
      if (!r.getHasMore() || r.getMembersCount() == 0) break;
      if (pages > 10_000) throw new StepFailure("CLIENT_LOOP", "group-info did not end after " + pages + " pages");
    }
    out.line(groupLine("group", first));
    for (String l : members) out.line(l);
    out.line("group-info-end " + Ids.u(gid) + " count=" + count + " pages=" + pages);
  }

  private void groupSend(String clientMsgId, long gid, MsgFormat format, String content) throws Exception {
    GroupSendReq req = GroupSendReq.newBuilder().setClientMsgId(clientMsgId).setGroupId(gid).setContent(content).setFormat(format).build();
    GroupSendAck a = GroupSendAck.parseFrom(call(Cmd.GROUP_SEND_REQ_VALUE, req.toByteString(), Cmd.GROUP_SEND_ACK_VALUE));
    out.line("group-ack " + Ids.u(a.getMsgId()) + " " + a.getConvId() + " " + Ids.u(a.getSeq()) + " " + a.getClientMsgId());
  }

  /** SYNC_REQ page after page until next_page_token is empty; one "conv" line per conversation. */
  private void sync(int limit, long updatedAfterMs) throws Exception {
    String token = "";
    int pages = 0;
    int count = 0;
    long serverTime = 0;
    do {
      SyncReq req = SyncReq.newBuilder().setLimit(limit).setPageToken(token).setUpdatedAfterMs(updatedAfterMs).build();
      SyncResp r = SyncResp.parseFrom(call(Cmd.SYNC_REQ_VALUE, req.toByteString(), Cmd.SYNC_RESP_VALUE));
      pages++;
      serverTime = r.getServerTimeMs();
      for (ConvState c : r.getConvsList()) {
        count++;
        out.line("conv " + c.getConvId() + " peer=" + Ids.u(c.getPeerUserId()) + " group=" + Ids.u(c.getGroupId())
            + " unread=" + Integer.toUnsignedString(c.getUnread()) + " max=" + Ids.u(c.getMaxSeq()) + " read=" + Ids.u(c.getReadSeq())
            + " peerRead=" + Ids.u(c.getPeerReadSeq()) + " min=" + Ids.u(c.getMinSeq())
            + " last=" + (c.hasLast() ? Ids.u(c.getLast().getMsgId()) + ":" + Ids.u(c.getLast().getSeq()) : "-")
            + " updated=" + c.getUpdateTimeMs());
      }
      token = r.getNextPageToken();
      if (pages > 10_000) throw new StepFailure("CLIENT_LOOP", "sync did not end after " + pages + " pages");
    } while (!token.isEmpty());
    out.line("sync-end " + count + " pages=" + pages + " serverTime=" + serverTime);
  }

  private HistoryResp historyPage(String conv, long after, long before, int limit) throws Exception {
    HistoryReq req = HistoryReq.newBuilder().setConvId(conv).setAfterSeq(after).setBeforeSeq(before).setLimit(limit).build();
    return HistoryResp.parseFrom(call(Cmd.HISTORY_REQ_VALUE, req.toByteString(), Cmd.HISTORY_RESP_VALUE));
  }

  /** history <conv> before <seq> | after <seq> | latest [limit <n>]: one HISTORY_REQ. */
  private void history(String[] w) throws Exception {
    String conv = conv(arg(w, 1));
    String dir = arg(w, 2);
    long after = 0;
    long before = 0;
    int i = 3;
    switch (dir) {
      case "after" -> after = Ids.parse(arg(w, i++));
      case "before" -> before = Ids.parse(arg(w, i++));
      case "latest" -> { }
      default -> throw new IllegalArgumentException("history direction must be before, after or latest");
    }
    int limit = 0;
    boolean full = false;
    for (; i < w.length; i++) {
      if (w[i].equals("limit")) limit = Integer.parseInt(arg(w, ++i));
      else if (w[i].equals("full")) full = true;
      else throw new IllegalArgumentException("unknown history option " + w[i]);
    }
    HistoryResp r = historyPage(conv, after, before, limit);
    out.line("history " + conv + " " + seqs(r.getMessagesList()) + " hasMore=" + r.getHasMore() + " min=" + Ids.u(r.getMinSeq())
        + " ids=" + ids(r.getMessagesList()));
    if (full) {
      for (ChatMessage m : r.getMessagesList()) {
        if (conv.startsWith("g_")) {
          String problem = groupEntryProblem(m, m.getGroupId());
          if (problem == null && !conv.equals(m.getConvId())) problem = "conv_id " + m.getConvId() + " in the history of " + conv;
          if (problem != null) events.add("error", "error CLIENT_CONTRACT history " + Ids.u(m.getMsgId()) + ": " + problem);
        }
        out.line("entry " + m.getConvId() + " " + Ids.u(m.getSeq()) + " " + entry(m));
      }
    }
  }

  /**
   * scroll <conv> back <page>: from the latest page back to the first entry (before_seq = the
   * oldest seq seen). scroll <conv> forward <page> [afterSeq]: up from afterSeq, or from the
   * conversation's first entry (min_seq) when none is given.
   */
  private void scroll(String conv, String dir, int page, long from) throws Exception {
    List<ChatMessage> all = new ArrayList<>();
    int pages = 0;
    if (dir.equals("back")) {
      long before = from; // 0: the latest page
      for (;;) {
        HistoryResp r = historyPage(conv, 0, before, page);
        pages++;
        all.addAll(0, r.getMessagesList());
        if (!r.getHasMore() || r.getMessagesCount() == 0) break;
        long oldest = r.getMessages(0).getSeq();
        if (before != 0 && Long.compareUnsigned(oldest, before) >= 0) throw new StepFailure("CLIENT_LOOP", "before_seq " + Ids.u(before) + " returned seq " + Ids.u(oldest));
        before = oldest;
      }
    } else if (dir.equals("forward")) {
      long after = from;
      if (after == 0) {
        // after_seq = 0 means "not set" (the latest page), so "from the start" cannot be said with
        // after_seq. The first page is the `page` entries below min_seq + page instead; min_seq
        // comes with every HISTORY_RESP.
        HistoryResp probe = historyPage(conv, 0, 0, 1);
        pages++;
        long min = probe.getMinSeq();
        if (probe.getMessagesCount() == 0) {
          out.line("scroll " + conv + " forward - pages=" + pages + " ids=-");
          return;
        }
        if (Long.compareUnsigned(min, 1) > 0) {
          after = min - 1;
        } else {
          HistoryResp first = historyPage(conv, 0, (min == 0 ? 1 : min) + page, page);
          pages++;
          all.addAll(first.getMessagesList());
          if (first.getMessagesCount() == 0) throw new StepFailure("CLIENT_UNEXPECTED", "no entries below " + Ids.u(min + page));
          after = first.getMessages(first.getMessagesCount() - 1).getSeq();
        }
      }
      for (;;) {
        HistoryResp r = historyPage(conv, after, 0, page);
        pages++;
        all.addAll(r.getMessagesList());
        if (!r.getHasMore() || r.getMessagesCount() == 0) break;
        after = r.getMessages(r.getMessagesCount() - 1).getSeq();
      }
    } else {
      throw new IllegalArgumentException("scroll direction must be back or forward");
    }
    out.line("scroll " + conv + " " + dir + " " + seqs(all) + " pages=" + pages + " ids=" + ids(all));
  }

  /** PULL_OFFLINE_REQ by msg_id cursor until has_more is false; acks what it pulled (autoack). */
  private void pull(int limit) throws Exception {
    long after = 0;
    int pages = 0;
    int fresh = 0;
    int dup = 0;
    for (;;) {
      PullOfflineReq req = PullOfflineReq.newBuilder().setLimit(limit).setAfterMsgId(after).build();
      PullOfflineResp r = PullOfflineResp.parseFrom(call(Cmd.PULL_OFFLINE_REQ_VALUE, req.toByteString(), Cmd.PULL_OFFLINE_RESP_VALUE));
      pages++;
      C2CAck.Builder ack = C2CAck.newBuilder();
      for (ChatMessage m : r.getMessagesList()) {
        ack.addMsgIds(m.getMsgId());
        if (!seen.add(m.getMsgId())) {
          dup++;
          continue;
        }
        fresh++;
        out.line("pulled " + Ids.u(m.getMsgId()) + " " + m.getConvId() + " " + Ids.u(m.getSeq()) + " " + Ids.u(m.getFromUserId()) + " " + Ids.esc(m.getContent()));
      }
      if (autoAck && ack.getMsgIdsCount() > 0) sendOneWay(Cmd.C2C_ACK_VALUE, ack.build().toByteString());
      if (!r.getHasMore() || r.getMessagesCount() == 0) break;
      after = r.getMessages(r.getMessagesCount() - 1).getMsgId();
    }
    out.line("pull-end new=" + fresh + " dup=" + dup + " pages=" + pages);
  }

  private static String seqs(List<ChatMessage> ms) {
    return ms.isEmpty() ? "-" : ms.stream().map(m -> Ids.u(m.getSeq())).collect(Collectors.joining(","));
  }

  private static String ids(List<ChatMessage> ms) {
    return ms.isEmpty() ? "-" : ms.stream().map(m -> Ids.u(m.getMsgId())).collect(Collectors.joining(","));
  }
}
