import * as $protobuf from "protobufjs";
import Long = require("long");
/** Namespace im. */
export namespace im {

    /** Namespace v1. */
    namespace v1 {

        /** Properties of a Frame. */
        interface IFrame {

            /** Frame version */
            version?: (number|null);

            /** Frame cmd */
            cmd?: (im.v1.Cmd|null);

            /** Frame seq */
            seq?: (number|null);

            /** Frame body */
            body?: (Uint8Array|null);
        }

        /** Represents a Frame. */
        class Frame implements IFrame {

            /**
             * Constructs a new Frame.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IFrame);

            /** Frame version. */
            public version: number;

            /** Frame cmd. */
            public cmd: im.v1.Cmd;

            /** Frame seq. */
            public seq: number;

            /** Frame body. */
            public body: Uint8Array;

            /**
             * Creates a new Frame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Frame instance
             */
            public static create(properties?: im.v1.IFrame): im.v1.Frame;

            /**
             * Encodes the specified Frame message. Does not implicitly {@link im.v1.Frame.verify|verify} messages.
             * @param message Frame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IFrame, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Frame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.Frame;

            /**
             * Gets the default type url for Frame
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Cmd enum. */
        enum Cmd {
            CMD_UNSPECIFIED = 0,
            AUTH_REQ = 1,
            AUTH_RESP = 2,
            PING = 3,
            PONG = 4,
            C2C_SEND_REQ = 10,
            C2C_SEND_ACK = 11,
            C2C_PUSH = 12,
            C2C_ACK = 13,
            RECALL_REQ = 20,
            RECALL_RESP = 21,
            RECALL_NOTIFY = 22,
            PULL_OFFLINE_REQ = 30,
            PULL_OFFLINE_RESP = 31,
            SYNC_REQ = 40,
            SYNC_RESP = 41,
            HISTORY_REQ = 42,
            HISTORY_RESP = 43,
            READ_REQ = 44,
            READ_RESP = 45,
            READ_NOTIFY = 46,
            TYPING_REQ = 47,
            TYPING_NOTIFY = 48,
            GROUP_SEND_REQ = 50,
            GROUP_SEND_ACK = 51,
            GROUP_PUSH = 52,
            GROUP_CREATE_REQ = 60,
            GROUP_CREATE_RESP = 61,
            GROUP_MEMBERS_REQ = 62,
            GROUP_MEMBERS_RESP = 63,
            GROUP_INFO_REQ = 64,
            GROUP_INFO_RESP = 65,
            KICK = 98,
            ERROR = 99
        }

        /** Properties of an AuthReq. */
        interface IAuthReq {

            /** AuthReq token */
            token?: (string|null);

            /** AuthReq deviceId */
            deviceId?: (string|null);

            /** AuthReq platform */
            platform?: (string|null);

            /** AuthReq echoOwnMessages */
            echoOwnMessages?: (boolean|null);
        }

        /** Represents an AuthReq. */
        class AuthReq implements IAuthReq {

            /**
             * Constructs a new AuthReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IAuthReq);

            /** AuthReq token. */
            public token: string;

            /** AuthReq deviceId. */
            public deviceId: string;

            /** AuthReq platform. */
            public platform: string;

            /** AuthReq echoOwnMessages. */
            public echoOwnMessages: boolean;

            /**
             * Creates a new AuthReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AuthReq instance
             */
            public static create(properties?: im.v1.IAuthReq): im.v1.AuthReq;

            /**
             * Encodes the specified AuthReq message. Does not implicitly {@link im.v1.AuthReq.verify|verify} messages.
             * @param message AuthReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IAuthReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AuthReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns AuthReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.AuthReq;

            /**
             * Gets the default type url for AuthReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of an AuthResp. */
        interface IAuthResp {

            /** AuthResp userId */
            userId?: (Long|null);

            /** AuthResp sessionId */
            sessionId?: (string|null);

            /** AuthResp heartbeatIntervalMs */
            heartbeatIntervalMs?: (number|null);

            /** AuthResp serverTimeMs */
            serverTimeMs?: (Long|null);
        }

        /** Represents an AuthResp. */
        class AuthResp implements IAuthResp {

            /**
             * Constructs a new AuthResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IAuthResp);

            /** AuthResp userId. */
            public userId: Long;

            /** AuthResp sessionId. */
            public sessionId: string;

            /** AuthResp heartbeatIntervalMs. */
            public heartbeatIntervalMs: number;

            /** AuthResp serverTimeMs. */
            public serverTimeMs: Long;

            /**
             * Creates a new AuthResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AuthResp instance
             */
            public static create(properties?: im.v1.IAuthResp): im.v1.AuthResp;

            /**
             * Encodes the specified AuthResp message. Does not implicitly {@link im.v1.AuthResp.verify|verify} messages.
             * @param message AuthResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IAuthResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AuthResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns AuthResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.AuthResp;

            /**
             * Gets the default type url for AuthResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Ping. */
        interface IPing {

            /** Ping clientTimeMs */
            clientTimeMs?: (Long|null);
        }

        /** Represents a Ping. */
        class Ping implements IPing {

            /**
             * Constructs a new Ping.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IPing);

            /** Ping clientTimeMs. */
            public clientTimeMs: Long;

            /**
             * Creates a new Ping instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ping instance
             */
            public static create(properties?: im.v1.IPing): im.v1.Ping;

            /**
             * Encodes the specified Ping message. Does not implicitly {@link im.v1.Ping.verify|verify} messages.
             * @param message Ping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IPing, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.Ping;

            /**
             * Gets the default type url for Ping
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Pong. */
        interface IPong {

            /** Pong clientTimeMs */
            clientTimeMs?: (Long|null);

            /** Pong serverTimeMs */
            serverTimeMs?: (Long|null);
        }

        /** Represents a Pong. */
        class Pong implements IPong {

            /**
             * Constructs a new Pong.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IPong);

            /** Pong clientTimeMs. */
            public clientTimeMs: Long;

            /** Pong serverTimeMs. */
            public serverTimeMs: Long;

            /**
             * Creates a new Pong instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Pong instance
             */
            public static create(properties?: im.v1.IPong): im.v1.Pong;

            /**
             * Encodes the specified Pong message. Does not implicitly {@link im.v1.Pong.verify|verify} messages.
             * @param message Pong message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IPong, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.Pong;

            /**
             * Gets the default type url for Pong
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a C2CSendReq. */
        interface IC2CSendReq {

            /** C2CSendReq clientMsgId */
            clientMsgId?: (string|null);

            /** C2CSendReq toUserId */
            toUserId?: (Long|null);

            /** C2CSendReq content */
            content?: (string|null);

            /** C2CSendReq format */
            format?: (im.v1.MsgFormat|null);
        }

        /** Represents a C2CSendReq. */
        class C2CSendReq implements IC2CSendReq {

            /**
             * Constructs a new C2CSendReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IC2CSendReq);

            /** C2CSendReq clientMsgId. */
            public clientMsgId: string;

            /** C2CSendReq toUserId. */
            public toUserId: Long;

            /** C2CSendReq content. */
            public content: string;

            /** C2CSendReq format. */
            public format: im.v1.MsgFormat;

            /**
             * Creates a new C2CSendReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns C2CSendReq instance
             */
            public static create(properties?: im.v1.IC2CSendReq): im.v1.C2CSendReq;

            /**
             * Encodes the specified C2CSendReq message. Does not implicitly {@link im.v1.C2CSendReq.verify|verify} messages.
             * @param message C2CSendReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IC2CSendReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a C2CSendReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns C2CSendReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.C2CSendReq;

            /**
             * Gets the default type url for C2CSendReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a C2CSendAck. */
        interface IC2CSendAck {

            /** C2CSendAck clientMsgId */
            clientMsgId?: (string|null);

            /** C2CSendAck msgId */
            msgId?: (Long|null);

            /** C2CSendAck serverTimeMs */
            serverTimeMs?: (Long|null);

            /** C2CSendAck convId */
            convId?: (string|null);

            /** C2CSendAck seq */
            seq?: (Long|null);
        }

        /** Represents a C2CSendAck. */
        class C2CSendAck implements IC2CSendAck {

            /**
             * Constructs a new C2CSendAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IC2CSendAck);

            /** C2CSendAck clientMsgId. */
            public clientMsgId: string;

            /** C2CSendAck msgId. */
            public msgId: Long;

            /** C2CSendAck serverTimeMs. */
            public serverTimeMs: Long;

            /** C2CSendAck convId. */
            public convId: string;

            /** C2CSendAck seq. */
            public seq: Long;

            /**
             * Creates a new C2CSendAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns C2CSendAck instance
             */
            public static create(properties?: im.v1.IC2CSendAck): im.v1.C2CSendAck;

            /**
             * Encodes the specified C2CSendAck message. Does not implicitly {@link im.v1.C2CSendAck.verify|verify} messages.
             * @param message C2CSendAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IC2CSendAck, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a C2CSendAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns C2CSendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.C2CSendAck;

            /**
             * Gets the default type url for C2CSendAck
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a C2CPush. */
        interface IC2CPush {

            /** C2CPush message */
            message?: (im.v1.IChatMessage|null);
        }

        /** Represents a C2CPush. */
        class C2CPush implements IC2CPush {

            /**
             * Constructs a new C2CPush.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IC2CPush);

            /** C2CPush message. */
            public message?: (im.v1.IChatMessage|null);

            /**
             * Creates a new C2CPush instance using the specified properties.
             * @param [properties] Properties to set
             * @returns C2CPush instance
             */
            public static create(properties?: im.v1.IC2CPush): im.v1.C2CPush;

            /**
             * Encodes the specified C2CPush message. Does not implicitly {@link im.v1.C2CPush.verify|verify} messages.
             * @param message C2CPush message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IC2CPush, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a C2CPush message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns C2CPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.C2CPush;

            /**
             * Gets the default type url for C2CPush
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a C2CAck. */
        interface IC2CAck {

            /** C2CAck msgIds */
            msgIds?: (Long[]|null);
        }

        /** Represents a C2CAck. */
        class C2CAck implements IC2CAck {

            /**
             * Constructs a new C2CAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IC2CAck);

            /** C2CAck msgIds. */
            public msgIds: Long[];

            /**
             * Creates a new C2CAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns C2CAck instance
             */
            public static create(properties?: im.v1.IC2CAck): im.v1.C2CAck;

            /**
             * Encodes the specified C2CAck message. Does not implicitly {@link im.v1.C2CAck.verify|verify} messages.
             * @param message C2CAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IC2CAck, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a C2CAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns C2CAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.C2CAck;

            /**
             * Gets the default type url for C2CAck
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a RecallReq. */
        interface IRecallReq {

            /** RecallReq msgId */
            msgId?: (Long|null);
        }

        /** Represents a RecallReq. */
        class RecallReq implements IRecallReq {

            /**
             * Constructs a new RecallReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IRecallReq);

            /** RecallReq msgId. */
            public msgId: Long;

            /**
             * Creates a new RecallReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RecallReq instance
             */
            public static create(properties?: im.v1.IRecallReq): im.v1.RecallReq;

            /**
             * Encodes the specified RecallReq message. Does not implicitly {@link im.v1.RecallReq.verify|verify} messages.
             * @param message RecallReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IRecallReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RecallReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RecallReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.RecallReq;

            /**
             * Gets the default type url for RecallReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a RecallResp. */
        interface IRecallResp {

            /** RecallResp msgId */
            msgId?: (Long|null);

            /** RecallResp recallTimeMs */
            recallTimeMs?: (Long|null);
        }

        /** Represents a RecallResp. */
        class RecallResp implements IRecallResp {

            /**
             * Constructs a new RecallResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IRecallResp);

            /** RecallResp msgId. */
            public msgId: Long;

            /** RecallResp recallTimeMs. */
            public recallTimeMs: Long;

            /**
             * Creates a new RecallResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RecallResp instance
             */
            public static create(properties?: im.v1.IRecallResp): im.v1.RecallResp;

            /**
             * Encodes the specified RecallResp message. Does not implicitly {@link im.v1.RecallResp.verify|verify} messages.
             * @param message RecallResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IRecallResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RecallResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RecallResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.RecallResp;

            /**
             * Gets the default type url for RecallResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a RecallNotify. */
        interface IRecallNotify {

            /** RecallNotify msgId */
            msgId?: (Long|null);

            /** RecallNotify fromUserId */
            fromUserId?: (Long|null);

            /** RecallNotify toUserId */
            toUserId?: (Long|null);

            /** RecallNotify recallTimeMs */
            recallTimeMs?: (Long|null);

            /** RecallNotify convId */
            convId?: (string|null);

            /** RecallNotify seq */
            seq?: (Long|null);
        }

        /** Represents a RecallNotify. */
        class RecallNotify implements IRecallNotify {

            /**
             * Constructs a new RecallNotify.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IRecallNotify);

            /** RecallNotify msgId. */
            public msgId: Long;

            /** RecallNotify fromUserId. */
            public fromUserId: Long;

            /** RecallNotify toUserId. */
            public toUserId: Long;

            /** RecallNotify recallTimeMs. */
            public recallTimeMs: Long;

            /** RecallNotify convId. */
            public convId: string;

            /** RecallNotify seq. */
            public seq: Long;

            /**
             * Creates a new RecallNotify instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RecallNotify instance
             */
            public static create(properties?: im.v1.IRecallNotify): im.v1.RecallNotify;

            /**
             * Encodes the specified RecallNotify message. Does not implicitly {@link im.v1.RecallNotify.verify|verify} messages.
             * @param message RecallNotify message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IRecallNotify, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RecallNotify message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RecallNotify
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.RecallNotify;

            /**
             * Gets the default type url for RecallNotify
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a PullOfflineReq. */
        interface IPullOfflineReq {

            /** PullOfflineReq limit */
            limit?: (number|null);

            /** PullOfflineReq afterMsgId */
            afterMsgId?: (Long|null);
        }

        /** Represents a PullOfflineReq. */
        class PullOfflineReq implements IPullOfflineReq {

            /**
             * Constructs a new PullOfflineReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IPullOfflineReq);

            /** PullOfflineReq limit. */
            public limit: number;

            /** PullOfflineReq afterMsgId. */
            public afterMsgId: Long;

            /**
             * Creates a new PullOfflineReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PullOfflineReq instance
             */
            public static create(properties?: im.v1.IPullOfflineReq): im.v1.PullOfflineReq;

            /**
             * Encodes the specified PullOfflineReq message. Does not implicitly {@link im.v1.PullOfflineReq.verify|verify} messages.
             * @param message PullOfflineReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IPullOfflineReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PullOfflineReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PullOfflineReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.PullOfflineReq;

            /**
             * Gets the default type url for PullOfflineReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a PullOfflineResp. */
        interface IPullOfflineResp {

            /** PullOfflineResp messages */
            messages?: (im.v1.IChatMessage[]|null);

            /** PullOfflineResp hasMore */
            hasMore?: (boolean|null);
        }

        /** Represents a PullOfflineResp. */
        class PullOfflineResp implements IPullOfflineResp {

            /**
             * Constructs a new PullOfflineResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IPullOfflineResp);

            /** PullOfflineResp messages. */
            public messages: im.v1.IChatMessage[];

            /** PullOfflineResp hasMore. */
            public hasMore: boolean;

            /**
             * Creates a new PullOfflineResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PullOfflineResp instance
             */
            public static create(properties?: im.v1.IPullOfflineResp): im.v1.PullOfflineResp;

            /**
             * Encodes the specified PullOfflineResp message. Does not implicitly {@link im.v1.PullOfflineResp.verify|verify} messages.
             * @param message PullOfflineResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IPullOfflineResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PullOfflineResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PullOfflineResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.PullOfflineResp;

            /**
             * Gets the default type url for PullOfflineResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Kick. */
        interface IKick {

            /** Kick reason */
            reason?: (im.v1.KickReason|null);

            /** Kick detail */
            detail?: (string|null);
        }

        /** Represents a Kick. */
        class Kick implements IKick {

            /**
             * Constructs a new Kick.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IKick);

            /** Kick reason. */
            public reason: im.v1.KickReason;

            /** Kick detail. */
            public detail: string;

            /**
             * Creates a new Kick instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Kick instance
             */
            public static create(properties?: im.v1.IKick): im.v1.Kick;

            /**
             * Encodes the specified Kick message. Does not implicitly {@link im.v1.Kick.verify|verify} messages.
             * @param message Kick message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IKick, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Kick message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Kick
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.Kick;

            /**
             * Gets the default type url for Kick
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of an Error. */
        interface IError {

            /** Error code */
            code?: (im.v1.ErrorCode|null);

            /** Error message */
            message?: (string|null);
        }

        /** Represents an Error. */
        class Error implements IError {

            /**
             * Constructs a new Error.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IError);

            /** Error code. */
            public code: im.v1.ErrorCode;

            /** Error message. */
            public message: string;

            /**
             * Creates a new Error instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Error instance
             */
            public static create(properties?: im.v1.IError): im.v1.Error;

            /**
             * Encodes the specified Error message. Does not implicitly {@link im.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IError, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.Error;

            /**
             * Gets the default type url for Error
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a ChatMessage. */
        interface IChatMessage {

            /** ChatMessage msgId */
            msgId?: (Long|null);

            /** ChatMessage clientMsgId */
            clientMsgId?: (string|null);

            /** ChatMessage fromUserId */
            fromUserId?: (Long|null);

            /** ChatMessage toUserId */
            toUserId?: (Long|null);

            /** ChatMessage content */
            content?: (string|null);

            /** ChatMessage format */
            format?: (im.v1.MsgFormat|null);

            /** ChatMessage createTimeMs */
            createTimeMs?: (Long|null);

            /** ChatMessage convId */
            convId?: (string|null);

            /** ChatMessage seq */
            seq?: (Long|null);

            /** ChatMessage groupId */
            groupId?: (Long|null);

            /** ChatMessage recalled */
            recalled?: (boolean|null);

            /** ChatMessage recalledMsgId */
            recalledMsgId?: (Long|null);

            /** ChatMessage mentionUserIds */
            mentionUserIds?: (Long[]|null);

            /** ChatMessage groupEvent */
            groupEvent?: (im.v1.IGroupEvent|null);
        }

        /** Represents a ChatMessage. */
        class ChatMessage implements IChatMessage {

            /**
             * Constructs a new ChatMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IChatMessage);

            /** ChatMessage msgId. */
            public msgId: Long;

            /** ChatMessage clientMsgId. */
            public clientMsgId: string;

            /** ChatMessage fromUserId. */
            public fromUserId: Long;

            /** ChatMessage toUserId. */
            public toUserId: Long;

            /** ChatMessage content. */
            public content: string;

            /** ChatMessage format. */
            public format: im.v1.MsgFormat;

            /** ChatMessage createTimeMs. */
            public createTimeMs: Long;

            /** ChatMessage convId. */
            public convId: string;

            /** ChatMessage seq. */
            public seq: Long;

            /** ChatMessage groupId. */
            public groupId: Long;

            /** ChatMessage recalled. */
            public recalled: boolean;

            /** ChatMessage recalledMsgId. */
            public recalledMsgId: Long;

            /** ChatMessage mentionUserIds. */
            public mentionUserIds: Long[];

            /** ChatMessage groupEvent. */
            public groupEvent?: (im.v1.IGroupEvent|null);

            /**
             * Creates a new ChatMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ChatMessage instance
             */
            public static create(properties?: im.v1.IChatMessage): im.v1.ChatMessage;

            /**
             * Encodes the specified ChatMessage message. Does not implicitly {@link im.v1.ChatMessage.verify|verify} messages.
             * @param message ChatMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IChatMessage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ChatMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ChatMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.ChatMessage;

            /**
             * Gets the default type url for ChatMessage
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a SyncReq. */
        interface ISyncReq {

            /** SyncReq limit */
            limit?: (number|null);

            /** SyncReq pageToken */
            pageToken?: (string|null);

            /** SyncReq updatedAfterMs */
            updatedAfterMs?: (Long|null);
        }

        /** Represents a SyncReq. */
        class SyncReq implements ISyncReq {

            /**
             * Constructs a new SyncReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.ISyncReq);

            /** SyncReq limit. */
            public limit: number;

            /** SyncReq pageToken. */
            public pageToken: string;

            /** SyncReq updatedAfterMs. */
            public updatedAfterMs: Long;

            /**
             * Creates a new SyncReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SyncReq instance
             */
            public static create(properties?: im.v1.ISyncReq): im.v1.SyncReq;

            /**
             * Encodes the specified SyncReq message. Does not implicitly {@link im.v1.SyncReq.verify|verify} messages.
             * @param message SyncReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.ISyncReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SyncReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns SyncReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.SyncReq;

            /**
             * Gets the default type url for SyncReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a SyncResp. */
        interface ISyncResp {

            /** SyncResp convs */
            convs?: (im.v1.IConvState[]|null);

            /** SyncResp nextPageToken */
            nextPageToken?: (string|null);

            /** SyncResp serverTimeMs */
            serverTimeMs?: (Long|null);
        }

        /** Represents a SyncResp. */
        class SyncResp implements ISyncResp {

            /**
             * Constructs a new SyncResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.ISyncResp);

            /** SyncResp convs. */
            public convs: im.v1.IConvState[];

            /** SyncResp nextPageToken. */
            public nextPageToken: string;

            /** SyncResp serverTimeMs. */
            public serverTimeMs: Long;

            /**
             * Creates a new SyncResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SyncResp instance
             */
            public static create(properties?: im.v1.ISyncResp): im.v1.SyncResp;

            /**
             * Encodes the specified SyncResp message. Does not implicitly {@link im.v1.SyncResp.verify|verify} messages.
             * @param message SyncResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.ISyncResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SyncResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns SyncResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.SyncResp;

            /**
             * Gets the default type url for SyncResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a ConvState. */
        interface IConvState {

            /** ConvState convId */
            convId?: (string|null);

            /** ConvState peerUserId */
            peerUserId?: (Long|null);

            /** ConvState groupId */
            groupId?: (Long|null);

            /** ConvState maxSeq */
            maxSeq?: (Long|null);

            /** ConvState readSeq */
            readSeq?: (Long|null);

            /** ConvState peerReadSeq */
            peerReadSeq?: (Long|null);

            /** ConvState unread */
            unread?: (number|null);

            /** ConvState last */
            last?: (im.v1.IChatMessage|null);

            /** ConvState updateTimeMs */
            updateTimeMs?: (Long|null);

            /** ConvState minSeq */
            minSeq?: (Long|null);
        }

        /** Represents a ConvState. */
        class ConvState implements IConvState {

            /**
             * Constructs a new ConvState.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IConvState);

            /** ConvState convId. */
            public convId: string;

            /** ConvState peerUserId. */
            public peerUserId: Long;

            /** ConvState groupId. */
            public groupId: Long;

            /** ConvState maxSeq. */
            public maxSeq: Long;

            /** ConvState readSeq. */
            public readSeq: Long;

            /** ConvState peerReadSeq. */
            public peerReadSeq: Long;

            /** ConvState unread. */
            public unread: number;

            /** ConvState last. */
            public last?: (im.v1.IChatMessage|null);

            /** ConvState updateTimeMs. */
            public updateTimeMs: Long;

            /** ConvState minSeq. */
            public minSeq: Long;

            /**
             * Creates a new ConvState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConvState instance
             */
            public static create(properties?: im.v1.IConvState): im.v1.ConvState;

            /**
             * Encodes the specified ConvState message. Does not implicitly {@link im.v1.ConvState.verify|verify} messages.
             * @param message ConvState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IConvState, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConvState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ConvState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.ConvState;

            /**
             * Gets the default type url for ConvState
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a HistoryReq. */
        interface IHistoryReq {

            /** HistoryReq convId */
            convId?: (string|null);

            /** HistoryReq afterSeq */
            afterSeq?: (Long|null);

            /** HistoryReq beforeSeq */
            beforeSeq?: (Long|null);

            /** HistoryReq limit */
            limit?: (number|null);
        }

        /** Represents a HistoryReq. */
        class HistoryReq implements IHistoryReq {

            /**
             * Constructs a new HistoryReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IHistoryReq);

            /** HistoryReq convId. */
            public convId: string;

            /** HistoryReq afterSeq. */
            public afterSeq: Long;

            /** HistoryReq beforeSeq. */
            public beforeSeq: Long;

            /** HistoryReq limit. */
            public limit: number;

            /**
             * Creates a new HistoryReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HistoryReq instance
             */
            public static create(properties?: im.v1.IHistoryReq): im.v1.HistoryReq;

            /**
             * Encodes the specified HistoryReq message. Does not implicitly {@link im.v1.HistoryReq.verify|verify} messages.
             * @param message HistoryReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IHistoryReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HistoryReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns HistoryReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.HistoryReq;

            /**
             * Gets the default type url for HistoryReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a HistoryResp. */
        interface IHistoryResp {

            /** HistoryResp messages */
            messages?: (im.v1.IChatMessage[]|null);

            /** HistoryResp hasMore */
            hasMore?: (boolean|null);

            /** HistoryResp minSeq */
            minSeq?: (Long|null);
        }

        /** Represents a HistoryResp. */
        class HistoryResp implements IHistoryResp {

            /**
             * Constructs a new HistoryResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IHistoryResp);

            /** HistoryResp messages. */
            public messages: im.v1.IChatMessage[];

            /** HistoryResp hasMore. */
            public hasMore: boolean;

            /** HistoryResp minSeq. */
            public minSeq: Long;

            /**
             * Creates a new HistoryResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HistoryResp instance
             */
            public static create(properties?: im.v1.IHistoryResp): im.v1.HistoryResp;

            /**
             * Encodes the specified HistoryResp message. Does not implicitly {@link im.v1.HistoryResp.verify|verify} messages.
             * @param message HistoryResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IHistoryResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HistoryResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns HistoryResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.HistoryResp;

            /**
             * Gets the default type url for HistoryResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a ReadReq. */
        interface IReadReq {

            /** ReadReq convId */
            convId?: (string|null);

            /** ReadReq readSeq */
            readSeq?: (Long|null);
        }

        /** Represents a ReadReq. */
        class ReadReq implements IReadReq {

            /**
             * Constructs a new ReadReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IReadReq);

            /** ReadReq convId. */
            public convId: string;

            /** ReadReq readSeq. */
            public readSeq: Long;

            /**
             * Creates a new ReadReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReadReq instance
             */
            public static create(properties?: im.v1.IReadReq): im.v1.ReadReq;

            /**
             * Encodes the specified ReadReq message. Does not implicitly {@link im.v1.ReadReq.verify|verify} messages.
             * @param message ReadReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IReadReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReadReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ReadReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.ReadReq;

            /**
             * Gets the default type url for ReadReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a ReadResp. */
        interface IReadResp {

            /** ReadResp convId */
            convId?: (string|null);

            /** ReadResp readSeq */
            readSeq?: (Long|null);

            /** ReadResp unread */
            unread?: (number|null);
        }

        /** Represents a ReadResp. */
        class ReadResp implements IReadResp {

            /**
             * Constructs a new ReadResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IReadResp);

            /** ReadResp convId. */
            public convId: string;

            /** ReadResp readSeq. */
            public readSeq: Long;

            /** ReadResp unread. */
            public unread: number;

            /**
             * Creates a new ReadResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReadResp instance
             */
            public static create(properties?: im.v1.IReadResp): im.v1.ReadResp;

            /**
             * Encodes the specified ReadResp message. Does not implicitly {@link im.v1.ReadResp.verify|verify} messages.
             * @param message ReadResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IReadResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReadResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ReadResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.ReadResp;

            /**
             * Gets the default type url for ReadResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a ReadNotify. */
        interface IReadNotify {

            /** ReadNotify convId */
            convId?: (string|null);

            /** ReadNotify userId */
            userId?: (Long|null);

            /** ReadNotify readSeq */
            readSeq?: (Long|null);
        }

        /** Represents a ReadNotify. */
        class ReadNotify implements IReadNotify {

            /**
             * Constructs a new ReadNotify.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IReadNotify);

            /** ReadNotify convId. */
            public convId: string;

            /** ReadNotify userId. */
            public userId: Long;

            /** ReadNotify readSeq. */
            public readSeq: Long;

            /**
             * Creates a new ReadNotify instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReadNotify instance
             */
            public static create(properties?: im.v1.IReadNotify): im.v1.ReadNotify;

            /**
             * Encodes the specified ReadNotify message. Does not implicitly {@link im.v1.ReadNotify.verify|verify} messages.
             * @param message ReadNotify message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IReadNotify, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReadNotify message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ReadNotify
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.ReadNotify;

            /**
             * Gets the default type url for ReadNotify
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a TypingReq. */
        interface ITypingReq {

            /** TypingReq convId */
            convId?: (string|null);

            /** TypingReq typing */
            typing?: (boolean|null);
        }

        /** Represents a TypingReq. */
        class TypingReq implements ITypingReq {

            /**
             * Constructs a new TypingReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.ITypingReq);

            /** TypingReq convId. */
            public convId: string;

            /** TypingReq typing. */
            public typing: boolean;

            /**
             * Creates a new TypingReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TypingReq instance
             */
            public static create(properties?: im.v1.ITypingReq): im.v1.TypingReq;

            /**
             * Encodes the specified TypingReq message. Does not implicitly {@link im.v1.TypingReq.verify|verify} messages.
             * @param message TypingReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.ITypingReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TypingReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns TypingReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.TypingReq;

            /**
             * Gets the default type url for TypingReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a TypingNotify. */
        interface ITypingNotify {

            /** TypingNotify convId */
            convId?: (string|null);

            /** TypingNotify userId */
            userId?: (Long|null);

            /** TypingNotify typing */
            typing?: (boolean|null);
        }

        /** Represents a TypingNotify. */
        class TypingNotify implements ITypingNotify {

            /**
             * Constructs a new TypingNotify.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.ITypingNotify);

            /** TypingNotify convId. */
            public convId: string;

            /** TypingNotify userId. */
            public userId: Long;

            /** TypingNotify typing. */
            public typing: boolean;

            /**
             * Creates a new TypingNotify instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TypingNotify instance
             */
            public static create(properties?: im.v1.ITypingNotify): im.v1.TypingNotify;

            /**
             * Encodes the specified TypingNotify message. Does not implicitly {@link im.v1.TypingNotify.verify|verify} messages.
             * @param message TypingNotify message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.ITypingNotify, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TypingNotify message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns TypingNotify
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.TypingNotify;

            /**
             * Gets the default type url for TypingNotify
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupSendReq. */
        interface IGroupSendReq {

            /** GroupSendReq clientMsgId */
            clientMsgId?: (string|null);

            /** GroupSendReq groupId */
            groupId?: (Long|null);

            /** GroupSendReq content */
            content?: (string|null);

            /** GroupSendReq format */
            format?: (im.v1.MsgFormat|null);

            /** GroupSendReq mentionUserIds */
            mentionUserIds?: (Long[]|null);
        }

        /** Represents a GroupSendReq. */
        class GroupSendReq implements IGroupSendReq {

            /**
             * Constructs a new GroupSendReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupSendReq);

            /** GroupSendReq clientMsgId. */
            public clientMsgId: string;

            /** GroupSendReq groupId. */
            public groupId: Long;

            /** GroupSendReq content. */
            public content: string;

            /** GroupSendReq format. */
            public format: im.v1.MsgFormat;

            /** GroupSendReq mentionUserIds. */
            public mentionUserIds: Long[];

            /**
             * Creates a new GroupSendReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupSendReq instance
             */
            public static create(properties?: im.v1.IGroupSendReq): im.v1.GroupSendReq;

            /**
             * Encodes the specified GroupSendReq message. Does not implicitly {@link im.v1.GroupSendReq.verify|verify} messages.
             * @param message GroupSendReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupSendReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupSendReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupSendReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupSendReq;

            /**
             * Gets the default type url for GroupSendReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupSendAck. */
        interface IGroupSendAck {

            /** GroupSendAck clientMsgId */
            clientMsgId?: (string|null);

            /** GroupSendAck msgId */
            msgId?: (Long|null);

            /** GroupSendAck serverTimeMs */
            serverTimeMs?: (Long|null);

            /** GroupSendAck convId */
            convId?: (string|null);

            /** GroupSendAck seq */
            seq?: (Long|null);
        }

        /** Represents a GroupSendAck. */
        class GroupSendAck implements IGroupSendAck {

            /**
             * Constructs a new GroupSendAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupSendAck);

            /** GroupSendAck clientMsgId. */
            public clientMsgId: string;

            /** GroupSendAck msgId. */
            public msgId: Long;

            /** GroupSendAck serverTimeMs. */
            public serverTimeMs: Long;

            /** GroupSendAck convId. */
            public convId: string;

            /** GroupSendAck seq. */
            public seq: Long;

            /**
             * Creates a new GroupSendAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupSendAck instance
             */
            public static create(properties?: im.v1.IGroupSendAck): im.v1.GroupSendAck;

            /**
             * Encodes the specified GroupSendAck message. Does not implicitly {@link im.v1.GroupSendAck.verify|verify} messages.
             * @param message GroupSendAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupSendAck, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupSendAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupSendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupSendAck;

            /**
             * Gets the default type url for GroupSendAck
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupPush. */
        interface IGroupPush {

            /** GroupPush message */
            message?: (im.v1.IChatMessage|null);
        }

        /** Represents a GroupPush. */
        class GroupPush implements IGroupPush {

            /**
             * Constructs a new GroupPush.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupPush);

            /** GroupPush message. */
            public message?: (im.v1.IChatMessage|null);

            /**
             * Creates a new GroupPush instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupPush instance
             */
            public static create(properties?: im.v1.IGroupPush): im.v1.GroupPush;

            /**
             * Encodes the specified GroupPush message. Does not implicitly {@link im.v1.GroupPush.verify|verify} messages.
             * @param message GroupPush message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupPush, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupPush message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupPush;

            /**
             * Gets the default type url for GroupPush
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupCreateReq. */
        interface IGroupCreateReq {

            /** GroupCreateReq name */
            name?: (string|null);

            /** GroupCreateReq memberUserIds */
            memberUserIds?: (Long[]|null);

            /** GroupCreateReq clientReqId */
            clientReqId?: (string|null);
        }

        /** Represents a GroupCreateReq. */
        class GroupCreateReq implements IGroupCreateReq {

            /**
             * Constructs a new GroupCreateReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupCreateReq);

            /** GroupCreateReq name. */
            public name: string;

            /** GroupCreateReq memberUserIds. */
            public memberUserIds: Long[];

            /** GroupCreateReq clientReqId. */
            public clientReqId: string;

            /**
             * Creates a new GroupCreateReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupCreateReq instance
             */
            public static create(properties?: im.v1.IGroupCreateReq): im.v1.GroupCreateReq;

            /**
             * Encodes the specified GroupCreateReq message. Does not implicitly {@link im.v1.GroupCreateReq.verify|verify} messages.
             * @param message GroupCreateReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupCreateReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupCreateReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupCreateReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupCreateReq;

            /**
             * Gets the default type url for GroupCreateReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupCreateResp. */
        interface IGroupCreateResp {

            /** GroupCreateResp group */
            group?: (im.v1.IGroupInfo|null);
        }

        /** Represents a GroupCreateResp. */
        class GroupCreateResp implements IGroupCreateResp {

            /**
             * Constructs a new GroupCreateResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupCreateResp);

            /** GroupCreateResp group. */
            public group?: (im.v1.IGroupInfo|null);

            /**
             * Creates a new GroupCreateResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupCreateResp instance
             */
            public static create(properties?: im.v1.IGroupCreateResp): im.v1.GroupCreateResp;

            /**
             * Encodes the specified GroupCreateResp message. Does not implicitly {@link im.v1.GroupCreateResp.verify|verify} messages.
             * @param message GroupCreateResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupCreateResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupCreateResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupCreateResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupCreateResp;

            /**
             * Gets the default type url for GroupCreateResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupMembersReq. */
        interface IGroupMembersReq {

            /** GroupMembersReq groupId */
            groupId?: (Long|null);

            /** GroupMembersReq addUserIds */
            addUserIds?: (Long[]|null);

            /** GroupMembersReq removeUserIds */
            removeUserIds?: (Long[]|null);

            /** GroupMembersReq promoteUserIds */
            promoteUserIds?: (Long[]|null);

            /** GroupMembersReq demoteUserIds */
            demoteUserIds?: (Long[]|null);
        }

        /** Represents a GroupMembersReq. */
        class GroupMembersReq implements IGroupMembersReq {

            /**
             * Constructs a new GroupMembersReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupMembersReq);

            /** GroupMembersReq groupId. */
            public groupId: Long;

            /** GroupMembersReq addUserIds. */
            public addUserIds: Long[];

            /** GroupMembersReq removeUserIds. */
            public removeUserIds: Long[];

            /** GroupMembersReq promoteUserIds. */
            public promoteUserIds: Long[];

            /** GroupMembersReq demoteUserIds. */
            public demoteUserIds: Long[];

            /**
             * Creates a new GroupMembersReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupMembersReq instance
             */
            public static create(properties?: im.v1.IGroupMembersReq): im.v1.GroupMembersReq;

            /**
             * Encodes the specified GroupMembersReq message. Does not implicitly {@link im.v1.GroupMembersReq.verify|verify} messages.
             * @param message GroupMembersReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupMembersReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupMembersReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupMembersReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupMembersReq;

            /**
             * Gets the default type url for GroupMembersReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupMembersResp. */
        interface IGroupMembersResp {

            /** GroupMembersResp group */
            group?: (im.v1.IGroupInfo|null);
        }

        /** Represents a GroupMembersResp. */
        class GroupMembersResp implements IGroupMembersResp {

            /**
             * Constructs a new GroupMembersResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupMembersResp);

            /** GroupMembersResp group. */
            public group?: (im.v1.IGroupInfo|null);

            /**
             * Creates a new GroupMembersResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupMembersResp instance
             */
            public static create(properties?: im.v1.IGroupMembersResp): im.v1.GroupMembersResp;

            /**
             * Encodes the specified GroupMembersResp message. Does not implicitly {@link im.v1.GroupMembersResp.verify|verify} messages.
             * @param message GroupMembersResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupMembersResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupMembersResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupMembersResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupMembersResp;

            /**
             * Gets the default type url for GroupMembersResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupInfoReq. */
        interface IGroupInfoReq {

            /** GroupInfoReq groupId */
            groupId?: (Long|null);

            /** GroupInfoReq afterUserId */
            afterUserId?: (Long|null);

            /** GroupInfoReq limit */
            limit?: (number|null);
        }

        /** Represents a GroupInfoReq. */
        class GroupInfoReq implements IGroupInfoReq {

            /**
             * Constructs a new GroupInfoReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupInfoReq);

            /** GroupInfoReq groupId. */
            public groupId: Long;

            /** GroupInfoReq afterUserId. */
            public afterUserId: Long;

            /** GroupInfoReq limit. */
            public limit: number;

            /**
             * Creates a new GroupInfoReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupInfoReq instance
             */
            public static create(properties?: im.v1.IGroupInfoReq): im.v1.GroupInfoReq;

            /**
             * Encodes the specified GroupInfoReq message. Does not implicitly {@link im.v1.GroupInfoReq.verify|verify} messages.
             * @param message GroupInfoReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupInfoReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupInfoReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupInfoReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupInfoReq;

            /**
             * Gets the default type url for GroupInfoReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupInfoResp. */
        interface IGroupInfoResp {

            /** GroupInfoResp group */
            group?: (im.v1.IGroupInfo|null);

            /** GroupInfoResp members */
            members?: (im.v1.IGroupMember[]|null);

            /** GroupInfoResp hasMore */
            hasMore?: (boolean|null);
        }

        /** Represents a GroupInfoResp. */
        class GroupInfoResp implements IGroupInfoResp {

            /**
             * Constructs a new GroupInfoResp.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupInfoResp);

            /** GroupInfoResp group. */
            public group?: (im.v1.IGroupInfo|null);

            /** GroupInfoResp members. */
            public members: im.v1.IGroupMember[];

            /** GroupInfoResp hasMore. */
            public hasMore: boolean;

            /**
             * Creates a new GroupInfoResp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupInfoResp instance
             */
            public static create(properties?: im.v1.IGroupInfoResp): im.v1.GroupInfoResp;

            /**
             * Encodes the specified GroupInfoResp message. Does not implicitly {@link im.v1.GroupInfoResp.verify|verify} messages.
             * @param message GroupInfoResp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupInfoResp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupInfoResp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupInfoResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupInfoResp;

            /**
             * Gets the default type url for GroupInfoResp
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupInfo. */
        interface IGroupInfo {

            /** GroupInfo groupId */
            groupId?: (Long|null);

            /** GroupInfo name */
            name?: (string|null);

            /** GroupInfo ownerUserId */
            ownerUserId?: (Long|null);

            /** GroupInfo memberCount */
            memberCount?: (number|null);

            /** GroupInfo createTimeMs */
            createTimeMs?: (Long|null);
        }

        /** Represents a GroupInfo. */
        class GroupInfo implements IGroupInfo {

            /**
             * Constructs a new GroupInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupInfo);

            /** GroupInfo groupId. */
            public groupId: Long;

            /** GroupInfo name. */
            public name: string;

            /** GroupInfo ownerUserId. */
            public ownerUserId: Long;

            /** GroupInfo memberCount. */
            public memberCount: number;

            /** GroupInfo createTimeMs. */
            public createTimeMs: Long;

            /**
             * Creates a new GroupInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupInfo instance
             */
            public static create(properties?: im.v1.IGroupInfo): im.v1.GroupInfo;

            /**
             * Encodes the specified GroupInfo message. Does not implicitly {@link im.v1.GroupInfo.verify|verify} messages.
             * @param message GroupInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupInfo, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupInfo;

            /**
             * Gets the default type url for GroupInfo
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a GroupMember. */
        interface IGroupMember {

            /** GroupMember userId */
            userId?: (Long|null);

            /** GroupMember role */
            role?: (im.v1.GroupRole|null);

            /** GroupMember joinTimeMs */
            joinTimeMs?: (Long|null);
        }

        /** Represents a GroupMember. */
        class GroupMember implements IGroupMember {

            /**
             * Constructs a new GroupMember.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupMember);

            /** GroupMember userId. */
            public userId: Long;

            /** GroupMember role. */
            public role: im.v1.GroupRole;

            /** GroupMember joinTimeMs. */
            public joinTimeMs: Long;

            /**
             * Creates a new GroupMember instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupMember instance
             */
            public static create(properties?: im.v1.IGroupMember): im.v1.GroupMember;

            /**
             * Encodes the specified GroupMember message. Does not implicitly {@link im.v1.GroupMember.verify|verify} messages.
             * @param message GroupMember message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupMember, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupMember message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupMember
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupMember;

            /**
             * Gets the default type url for GroupMember
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** GroupRole enum. */
        enum GroupRole {
            GROUP_ROLE_UNSPECIFIED = 0,
            GROUP_ROLE_MEMBER = 1,
            GROUP_ROLE_ADMIN = 2,
            GROUP_ROLE_OWNER = 3
        }

        /** Properties of a GroupEvent. */
        interface IGroupEvent {

            /** GroupEvent kind */
            kind?: (im.v1.GroupEventKind|null);

            /** GroupEvent actorUserId */
            actorUserId?: (Long|null);

            /** GroupEvent userIds */
            userIds?: (Long[]|null);

            /** GroupEvent name */
            name?: (string|null);
        }

        /** Represents a GroupEvent. */
        class GroupEvent implements IGroupEvent {

            /**
             * Constructs a new GroupEvent.
             * @param [properties] Properties to set
             */
            constructor(properties?: im.v1.IGroupEvent);

            /** GroupEvent kind. */
            public kind: im.v1.GroupEventKind;

            /** GroupEvent actorUserId. */
            public actorUserId: Long;

            /** GroupEvent userIds. */
            public userIds: Long[];

            /** GroupEvent name. */
            public name: string;

            /**
             * Creates a new GroupEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupEvent instance
             */
            public static create(properties?: im.v1.IGroupEvent): im.v1.GroupEvent;

            /**
             * Encodes the specified GroupEvent message. Does not implicitly {@link im.v1.GroupEvent.verify|verify} messages.
             * @param message GroupEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: im.v1.IGroupEvent, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupEvent message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GroupEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): im.v1.GroupEvent;

            /**
             * Gets the default type url for GroupEvent
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** GroupEventKind enum. */
        enum GroupEventKind {
            GROUP_EVENT_KIND_UNSPECIFIED = 0,
            CREATED = 1,
            MEMBERS_ADDED = 2,
            MEMBERS_REMOVED = 3,
            MEMBER_LEFT = 4,
            ROLES_CHANGED = 5,
            RENAMED = 6
        }

        /** MsgFormat enum. */
        enum MsgFormat {
            MSG_FORMAT_UNSPECIFIED = 0,
            TEXT = 1,
            IMAGE = 2,
            FILE = 3,
            VOICE = 4,
            CUSTOM = 5,
            RECALL = 16,
            GROUP_EVENT = 17
        }

        /** ErrorCode enum. */
        enum ErrorCode {
            ERROR_CODE_UNSPECIFIED = 0,
            UNAUTHENTICATED = 1,
            BAD_REQUEST = 2,
            UNSUPPORTED_VERSION = 3,
            UNKNOWN_CMD = 4,
            RATE_LIMITED = 5,
            TOO_LARGE = 6,
            NOT_FOUND = 7,
            FORBIDDEN = 8,
            RECALL_WINDOW_EXPIRED = 9,
            INTERNAL = 10,
            UNAVAILABLE = 11,
            LIMIT_EXCEEDED = 12
        }

        /** KickReason enum. */
        enum KickReason {
            KICK_REASON_UNSPECIFIED = 0,
            DUPLICATE_LOGIN = 1,
            HEARTBEAT_TIMEOUT = 2,
            AUTH_EXPIRED = 3,
            SERVER_SHUTDOWN = 4,
            ABUSE = 5,
            ADMIN = 6,
            SLOW_CONSUMER = 7
        }
    }
}
