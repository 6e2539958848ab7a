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

        /** MsgFormat enum. */
        enum MsgFormat {
            MSG_FORMAT_UNSPECIFIED = 0,
            TEXT = 1,
            IMAGE = 2,
            FILE = 3,
            VOICE = 4,
            CUSTOM = 5
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
            UNAVAILABLE = 11
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
