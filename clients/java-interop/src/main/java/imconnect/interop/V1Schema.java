package imconnect.interop;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The version-1 schema exactly as the first half of PROTOCOL.md states it (before "Additions A"),
 * built at run time. Version-1 mode decodes everything with it, as a client compiled from the
 * version-1 .proto would: fields and commands added later are unknown to it and skipped.
 */
final class V1Schema {
  final FileDescriptor file;

  V1Schema() {
    FileDescriptorProto.Builder f = FileDescriptorProto.newBuilder()
        .setName("im/v1/im_version1.proto").setPackage("im.v1").setSyntax("proto3");
    f.addEnumType(enumOf("Cmd", "CMD_UNSPECIFIED", 0, "AUTH_REQ", 1, "AUTH_RESP", 2, "PING", 3, "PONG", 4,
        "C2C_SEND_REQ", 10, "C2C_SEND_ACK", 11, "C2C_PUSH", 12, "C2C_ACK", 13, "RECALL_REQ", 20, "RECALL_RESP", 21,
        "RECALL_NOTIFY", 22, "PULL_OFFLINE_REQ", 30, "PULL_OFFLINE_RESP", 31, "KICK", 98, "ERROR", 99));
    f.addEnumType(enumOf("MsgFormat", "MSG_FORMAT_UNSPECIFIED", 0, "TEXT", 1, "IMAGE", 2, "FILE", 3, "VOICE", 4, "CUSTOM", 5));
    f.addEnumType(enumOf("ErrorCode", "ERROR_CODE_UNSPECIFIED", 0, "UNAUTHENTICATED", 1, "BAD_REQUEST", 2,
        "UNSUPPORTED_VERSION", 3, "UNKNOWN_CMD", 4, "RATE_LIMITED", 5, "TOO_LARGE", 6, "NOT_FOUND", 7, "FORBIDDEN", 8,
        "RECALL_WINDOW_EXPIRED", 9, "INTERNAL", 10, "UNAVAILABLE", 11));
    f.addEnumType(enumOf("KickReason", "KICK_REASON_UNSPECIFIED", 0, "DUPLICATE_LOGIN", 1, "HEARTBEAT_TIMEOUT", 2,
        "AUTH_EXPIRED", 3, "SERVER_SHUTDOWN", 4, "ABUSE", 5, "ADMIN", 6));

    f.addMessageType(msg("Frame", scalar("version", 1, Type.TYPE_UINT32), enumField("cmd", 2, "Cmd"),
        scalar("seq", 3, Type.TYPE_UINT32), scalar("body", 4, Type.TYPE_BYTES)));
    f.addMessageType(msg("AuthReq", scalar("token", 1, Type.TYPE_STRING), scalar("device_id", 2, Type.TYPE_STRING),
        scalar("platform", 3, Type.TYPE_STRING)));
    f.addMessageType(msg("AuthResp", scalar("user_id", 1, Type.TYPE_UINT64), scalar("session_id", 2, Type.TYPE_STRING),
        scalar("heartbeat_interval_ms", 3, Type.TYPE_UINT32), scalar("server_time_ms", 4, Type.TYPE_INT64)));
    f.addMessageType(msg("Ping", scalar("client_time_ms", 1, Type.TYPE_INT64)));
    f.addMessageType(msg("Pong", scalar("client_time_ms", 1, Type.TYPE_INT64), scalar("server_time_ms", 2, Type.TYPE_INT64)));
    f.addMessageType(msg("C2CSendReq", scalar("client_msg_id", 1, Type.TYPE_STRING), scalar("to_user_id", 2, Type.TYPE_UINT64),
        scalar("content", 3, Type.TYPE_STRING), enumField("format", 4, "MsgFormat")));
    f.addMessageType(msg("C2CSendAck", scalar("client_msg_id", 1, Type.TYPE_STRING), scalar("msg_id", 2, Type.TYPE_UINT64),
        scalar("server_time_ms", 3, Type.TYPE_INT64)));
    f.addMessageType(msg("C2CPush", message("message", 1, "ChatMessage")));
    f.addMessageType(msg("C2CAck", repeated(scalar("msg_ids", 1, Type.TYPE_UINT64))));
    f.addMessageType(msg("RecallReq", scalar("msg_id", 1, Type.TYPE_UINT64)));
    f.addMessageType(msg("RecallResp", scalar("msg_id", 1, Type.TYPE_UINT64), scalar("recall_time_ms", 2, Type.TYPE_INT64)));
    f.addMessageType(msg("RecallNotify", scalar("msg_id", 1, Type.TYPE_UINT64), scalar("from_user_id", 2, Type.TYPE_UINT64),
        scalar("to_user_id", 3, Type.TYPE_UINT64), scalar("recall_time_ms", 4, Type.TYPE_INT64)));
    f.addMessageType(msg("PullOfflineReq", scalar("limit", 1, Type.TYPE_UINT32), scalar("after_msg_id", 2, Type.TYPE_UINT64)));
    f.addMessageType(msg("PullOfflineResp", repeated(message("messages", 1, "ChatMessage")), scalar("has_more", 2, Type.TYPE_BOOL)));
    f.addMessageType(msg("Kick", enumField("reason", 1, "KickReason"), scalar("detail", 2, Type.TYPE_STRING)));
    f.addMessageType(msg("Error", enumField("code", 1, "ErrorCode"), scalar("message", 2, Type.TYPE_STRING)));
    f.addMessageType(msg("ChatMessage", scalar("msg_id", 1, Type.TYPE_UINT64), scalar("client_msg_id", 2, Type.TYPE_STRING),
        scalar("from_user_id", 3, Type.TYPE_UINT64), scalar("to_user_id", 4, Type.TYPE_UINT64), scalar("content", 5, Type.TYPE_STRING),
        enumField("format", 6, "MsgFormat"), scalar("create_time_ms", 7, Type.TYPE_INT64)));
    try {
      file = FileDescriptor.buildFrom(f.build(), new FileDescriptor[0]);
    } catch (Exception e) {
      throw new IllegalStateException("version-1 schema", e);
    }
  }

  Descriptor type(String name) {
    Descriptor d = file.findMessageTypeByName(name);
    if (d == null) throw new IllegalArgumentException("no message " + name);
    return d;
  }

  private static EnumDescriptorProto enumOf(String name, Object... pairs) {
    EnumDescriptorProto.Builder b = EnumDescriptorProto.newBuilder().setName(name);
    for (int i = 0; i < pairs.length; i += 2) {
      b.addValue(EnumValueDescriptorProto.newBuilder().setName((String) pairs[i]).setNumber((Integer) pairs[i + 1]));
    }
    return b.build();
  }

  private static DescriptorProto msg(String name, FieldDescriptorProto... fields) {
    DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(name);
    for (FieldDescriptorProto field : fields) b.addField(field);
    return b.build();
  }

  private static FieldDescriptorProto scalar(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setLabel(Label.LABEL_OPTIONAL).setType(type).build();
  }

  private static FieldDescriptorProto enumField(String name, int number, String enumName) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setLabel(Label.LABEL_OPTIONAL)
        .setType(Type.TYPE_ENUM).setTypeName(".im.v1." + enumName).build();
  }

  private static FieldDescriptorProto message(String name, int number, String typeName) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setLabel(Label.LABEL_OPTIONAL)
        .setType(Type.TYPE_MESSAGE).setTypeName(".im.v1." + typeName).build();
  }

  private static FieldDescriptorProto repeated(FieldDescriptorProto f) {
    return f.toBuilder().setLabel(Label.LABEL_REPEATED).build();
  }
}
