/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
// pbjs wrapper for Node ESM: protobufjs/minimal is CommonJS, so take its default export.
import $protobufModule from "protobufjs/minimal.js";
const $protobuf = $protobufModule;

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const im = $root.im = (() => {

    /**
     * Namespace im.
     * @exports im
     * @namespace
     */
    const im = {};

    im.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof im
         * @namespace
         */
        const v1 = {};

        v1.Frame = (function() {

            /**
             * Properties of a Frame.
             * @memberof im.v1
             * @interface IFrame
             * @property {number|null} [version] Frame version
             * @property {im.v1.Cmd|null} [cmd] Frame cmd
             * @property {number|null} [seq] Frame seq
             * @property {Uint8Array|null} [body] Frame body
             */

            /**
             * Constructs a new Frame.
             * @memberof im.v1
             * @classdesc Represents a Frame.
             * @implements IFrame
             * @constructor
             * @param {im.v1.IFrame=} [properties] Properties to set
             */
            function Frame(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Frame version.
             * @member {number} version
             * @memberof im.v1.Frame
             * @instance
             */
            Frame.prototype.version = 0;

            /**
             * Frame cmd.
             * @member {im.v1.Cmd} cmd
             * @memberof im.v1.Frame
             * @instance
             */
            Frame.prototype.cmd = 0;

            /**
             * Frame seq.
             * @member {number} seq
             * @memberof im.v1.Frame
             * @instance
             */
            Frame.prototype.seq = 0;

            /**
             * Frame body.
             * @member {Uint8Array} body
             * @memberof im.v1.Frame
             * @instance
             */
            Frame.prototype.body = $util.newBuffer([]);

            /**
             * Creates a new Frame instance using the specified properties.
             * @function create
             * @memberof im.v1.Frame
             * @static
             * @param {im.v1.IFrame=} [properties] Properties to set
             * @returns {im.v1.Frame} Frame instance
             */
            Frame.create = function create(properties) {
                return new Frame(properties);
            };

            /**
             * Encodes the specified Frame message. Does not implicitly {@link im.v1.Frame.verify|verify} messages.
             * @function encode
             * @memberof im.v1.Frame
             * @static
             * @param {im.v1.IFrame} message Frame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Frame.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.cmd != null && Object.hasOwnProperty.call(message, "cmd"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.cmd);
                if (message.seq != null && Object.hasOwnProperty.call(message, "seq"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.seq);
                if (message.body != null && Object.hasOwnProperty.call(message, "body"))
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.body);
                return writer;
            };

            /**
             * Decodes a Frame message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.Frame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.Frame} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Frame.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.Frame();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.version = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.cmd = reader.int32();
                            break;
                        }
                    case 3: {
                            message.seq = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.body = reader.bytes();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Frame
             * @function getTypeUrl
             * @memberof im.v1.Frame
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Frame.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.Frame";
            };

            return Frame;
        })();

        /**
         * Cmd enum.
         * @name im.v1.Cmd
         * @enum {number}
         * @property {number} CMD_UNSPECIFIED=0 CMD_UNSPECIFIED value
         * @property {number} AUTH_REQ=1 AUTH_REQ value
         * @property {number} AUTH_RESP=2 AUTH_RESP value
         * @property {number} PING=3 PING value
         * @property {number} PONG=4 PONG value
         * @property {number} C2C_SEND_REQ=10 C2C_SEND_REQ value
         * @property {number} C2C_SEND_ACK=11 C2C_SEND_ACK value
         * @property {number} C2C_PUSH=12 C2C_PUSH value
         * @property {number} C2C_ACK=13 C2C_ACK value
         * @property {number} RECALL_REQ=20 RECALL_REQ value
         * @property {number} RECALL_RESP=21 RECALL_RESP value
         * @property {number} RECALL_NOTIFY=22 RECALL_NOTIFY value
         * @property {number} PULL_OFFLINE_REQ=30 PULL_OFFLINE_REQ value
         * @property {number} PULL_OFFLINE_RESP=31 PULL_OFFLINE_RESP value
         * @property {number} SYNC_REQ=40 SYNC_REQ value
         * @property {number} SYNC_RESP=41 SYNC_RESP value
         * @property {number} HISTORY_REQ=42 HISTORY_REQ value
         * @property {number} HISTORY_RESP=43 HISTORY_RESP value
         * @property {number} READ_REQ=44 READ_REQ value
         * @property {number} READ_RESP=45 READ_RESP value
         * @property {number} READ_NOTIFY=46 READ_NOTIFY value
         * @property {number} TYPING_REQ=47 TYPING_REQ value
         * @property {number} TYPING_NOTIFY=48 TYPING_NOTIFY value
         * @property {number} GROUP_SEND_REQ=50 GROUP_SEND_REQ value
         * @property {number} GROUP_SEND_ACK=51 GROUP_SEND_ACK value
         * @property {number} GROUP_PUSH=52 GROUP_PUSH value
         * @property {number} GROUP_CREATE_REQ=60 GROUP_CREATE_REQ value
         * @property {number} GROUP_CREATE_RESP=61 GROUP_CREATE_RESP value
         * @property {number} GROUP_MEMBERS_REQ=62 GROUP_MEMBERS_REQ value
         * @property {number} GROUP_MEMBERS_RESP=63 GROUP_MEMBERS_RESP value
         * @property {number} GROUP_INFO_REQ=64 GROUP_INFO_REQ value
         * @property {number} GROUP_INFO_RESP=65 GROUP_INFO_RESP value
         * @property {number} KICK=98 KICK value
         * @property {number} ERROR=99 ERROR value
         */
        v1.Cmd = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "CMD_UNSPECIFIED"] = 0;
            values[valuesById[1] = "AUTH_REQ"] = 1;
            values[valuesById[2] = "AUTH_RESP"] = 2;
            values[valuesById[3] = "PING"] = 3;
            values[valuesById[4] = "PONG"] = 4;
            values[valuesById[10] = "C2C_SEND_REQ"] = 10;
            values[valuesById[11] = "C2C_SEND_ACK"] = 11;
            values[valuesById[12] = "C2C_PUSH"] = 12;
            values[valuesById[13] = "C2C_ACK"] = 13;
            values[valuesById[20] = "RECALL_REQ"] = 20;
            values[valuesById[21] = "RECALL_RESP"] = 21;
            values[valuesById[22] = "RECALL_NOTIFY"] = 22;
            values[valuesById[30] = "PULL_OFFLINE_REQ"] = 30;
            values[valuesById[31] = "PULL_OFFLINE_RESP"] = 31;
            values[valuesById[40] = "SYNC_REQ"] = 40;
            values[valuesById[41] = "SYNC_RESP"] = 41;
            values[valuesById[42] = "HISTORY_REQ"] = 42;
            values[valuesById[43] = "HISTORY_RESP"] = 43;
            values[valuesById[44] = "READ_REQ"] = 44;
            values[valuesById[45] = "READ_RESP"] = 45;
            values[valuesById[46] = "READ_NOTIFY"] = 46;
            values[valuesById[47] = "TYPING_REQ"] = 47;
            values[valuesById[48] = "TYPING_NOTIFY"] = 48;
            values[valuesById[50] = "GROUP_SEND_REQ"] = 50;
            values[valuesById[51] = "GROUP_SEND_ACK"] = 51;
            values[valuesById[52] = "GROUP_PUSH"] = 52;
            values[valuesById[60] = "GROUP_CREATE_REQ"] = 60;
            values[valuesById[61] = "GROUP_CREATE_RESP"] = 61;
            values[valuesById[62] = "GROUP_MEMBERS_REQ"] = 62;
            values[valuesById[63] = "GROUP_MEMBERS_RESP"] = 63;
            values[valuesById[64] = "GROUP_INFO_REQ"] = 64;
            values[valuesById[65] = "GROUP_INFO_RESP"] = 65;
            values[valuesById[98] = "KICK"] = 98;
            values[valuesById[99] = "ERROR"] = 99;
            return values;
        })();

        v1.AuthReq = (function() {

            /**
             * Properties of an AuthReq.
             * @memberof im.v1
             * @interface IAuthReq
             * @property {string|null} [token] AuthReq token
             * @property {string|null} [deviceId] AuthReq deviceId
             * @property {string|null} [platform] AuthReq platform
             * @property {boolean|null} [echoOwnMessages] AuthReq echoOwnMessages
             */

            /**
             * Constructs a new AuthReq.
             * @memberof im.v1
             * @classdesc Represents an AuthReq.
             * @implements IAuthReq
             * @constructor
             * @param {im.v1.IAuthReq=} [properties] Properties to set
             */
            function AuthReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * AuthReq token.
             * @member {string} token
             * @memberof im.v1.AuthReq
             * @instance
             */
            AuthReq.prototype.token = "";

            /**
             * AuthReq deviceId.
             * @member {string} deviceId
             * @memberof im.v1.AuthReq
             * @instance
             */
            AuthReq.prototype.deviceId = "";

            /**
             * AuthReq platform.
             * @member {string} platform
             * @memberof im.v1.AuthReq
             * @instance
             */
            AuthReq.prototype.platform = "";

            /**
             * AuthReq echoOwnMessages.
             * @member {boolean} echoOwnMessages
             * @memberof im.v1.AuthReq
             * @instance
             */
            AuthReq.prototype.echoOwnMessages = false;

            /**
             * Creates a new AuthReq instance using the specified properties.
             * @function create
             * @memberof im.v1.AuthReq
             * @static
             * @param {im.v1.IAuthReq=} [properties] Properties to set
             * @returns {im.v1.AuthReq} AuthReq instance
             */
            AuthReq.create = function create(properties) {
                return new AuthReq(properties);
            };

            /**
             * Encodes the specified AuthReq message. Does not implicitly {@link im.v1.AuthReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.AuthReq
             * @static
             * @param {im.v1.IAuthReq} message AuthReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AuthReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.token != null && Object.hasOwnProperty.call(message, "token"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                if (message.deviceId != null && Object.hasOwnProperty.call(message, "deviceId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.platform);
                if (message.echoOwnMessages != null && Object.hasOwnProperty.call(message, "echoOwnMessages"))
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.echoOwnMessages);
                return writer;
            };

            /**
             * Decodes an AuthReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.AuthReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.AuthReq} AuthReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AuthReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.AuthReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.token = reader.string();
                            break;
                        }
                    case 2: {
                            message.deviceId = reader.string();
                            break;
                        }
                    case 3: {
                            message.platform = reader.string();
                            break;
                        }
                    case 4: {
                            message.echoOwnMessages = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for AuthReq
             * @function getTypeUrl
             * @memberof im.v1.AuthReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            AuthReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.AuthReq";
            };

            return AuthReq;
        })();

        v1.AuthResp = (function() {

            /**
             * Properties of an AuthResp.
             * @memberof im.v1
             * @interface IAuthResp
             * @property {Long|null} [userId] AuthResp userId
             * @property {string|null} [sessionId] AuthResp sessionId
             * @property {number|null} [heartbeatIntervalMs] AuthResp heartbeatIntervalMs
             * @property {Long|null} [serverTimeMs] AuthResp serverTimeMs
             */

            /**
             * Constructs a new AuthResp.
             * @memberof im.v1
             * @classdesc Represents an AuthResp.
             * @implements IAuthResp
             * @constructor
             * @param {im.v1.IAuthResp=} [properties] Properties to set
             */
            function AuthResp(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * AuthResp userId.
             * @member {Long} userId
             * @memberof im.v1.AuthResp
             * @instance
             */
            AuthResp.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AuthResp sessionId.
             * @member {string} sessionId
             * @memberof im.v1.AuthResp
             * @instance
             */
            AuthResp.prototype.sessionId = "";

            /**
             * AuthResp heartbeatIntervalMs.
             * @member {number} heartbeatIntervalMs
             * @memberof im.v1.AuthResp
             * @instance
             */
            AuthResp.prototype.heartbeatIntervalMs = 0;

            /**
             * AuthResp serverTimeMs.
             * @member {Long} serverTimeMs
             * @memberof im.v1.AuthResp
             * @instance
             */
            AuthResp.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new AuthResp instance using the specified properties.
             * @function create
             * @memberof im.v1.AuthResp
             * @static
             * @param {im.v1.IAuthResp=} [properties] Properties to set
             * @returns {im.v1.AuthResp} AuthResp instance
             */
            AuthResp.create = function create(properties) {
                return new AuthResp(properties);
            };

            /**
             * Encodes the specified AuthResp message. Does not implicitly {@link im.v1.AuthResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.AuthResp
             * @static
             * @param {im.v1.IAuthResp} message AuthResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AuthResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.userId != null && Object.hasOwnProperty.call(message, "userId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.userId);
                if (message.sessionId != null && Object.hasOwnProperty.call(message, "sessionId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.sessionId);
                if (message.heartbeatIntervalMs != null && Object.hasOwnProperty.call(message, "heartbeatIntervalMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.heartbeatIntervalMs);
                if (message.serverTimeMs != null && Object.hasOwnProperty.call(message, "serverTimeMs"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.serverTimeMs);
                return writer;
            };

            /**
             * Decodes an AuthResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.AuthResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.AuthResp} AuthResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AuthResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.AuthResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.userId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.sessionId = reader.string();
                            break;
                        }
                    case 3: {
                            message.heartbeatIntervalMs = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.serverTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for AuthResp
             * @function getTypeUrl
             * @memberof im.v1.AuthResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            AuthResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.AuthResp";
            };

            return AuthResp;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @memberof im.v1
             * @interface IPing
             * @property {Long|null} [clientTimeMs] Ping clientTimeMs
             */

            /**
             * Constructs a new Ping.
             * @memberof im.v1
             * @classdesc Represents a Ping.
             * @implements IPing
             * @constructor
             * @param {im.v1.IPing=} [properties] Properties to set
             */
            function Ping(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Ping clientTimeMs.
             * @member {Long} clientTimeMs
             * @memberof im.v1.Ping
             * @instance
             */
            Ping.prototype.clientTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof im.v1.Ping
             * @static
             * @param {im.v1.IPing=} [properties] Properties to set
             * @returns {im.v1.Ping} Ping instance
             */
            Ping.create = function create(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link im.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof im.v1.Ping
             * @static
             * @param {im.v1.IPing} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.clientTimeMs != null && Object.hasOwnProperty.call(message, "clientTimeMs"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.clientTimeMs);
                return writer;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.Ping} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.Ping();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.clientTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Ping
             * @function getTypeUrl
             * @memberof im.v1.Ping
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Ping.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.Ping";
            };

            return Ping;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @memberof im.v1
             * @interface IPong
             * @property {Long|null} [clientTimeMs] Pong clientTimeMs
             * @property {Long|null} [serverTimeMs] Pong serverTimeMs
             */

            /**
             * Constructs a new Pong.
             * @memberof im.v1
             * @classdesc Represents a Pong.
             * @implements IPong
             * @constructor
             * @param {im.v1.IPong=} [properties] Properties to set
             */
            function Pong(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Pong clientTimeMs.
             * @member {Long} clientTimeMs
             * @memberof im.v1.Pong
             * @instance
             */
            Pong.prototype.clientTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Pong serverTimeMs.
             * @member {Long} serverTimeMs
             * @memberof im.v1.Pong
             * @instance
             */
            Pong.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof im.v1.Pong
             * @static
             * @param {im.v1.IPong=} [properties] Properties to set
             * @returns {im.v1.Pong} Pong instance
             */
            Pong.create = function create(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link im.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof im.v1.Pong
             * @static
             * @param {im.v1.IPong} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.clientTimeMs != null && Object.hasOwnProperty.call(message, "clientTimeMs"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.clientTimeMs);
                if (message.serverTimeMs != null && Object.hasOwnProperty.call(message, "serverTimeMs"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.serverTimeMs);
                return writer;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.Pong} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.Pong();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.clientTimeMs = reader.int64();
                            break;
                        }
                    case 2: {
                            message.serverTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Pong
             * @function getTypeUrl
             * @memberof im.v1.Pong
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Pong.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.Pong";
            };

            return Pong;
        })();

        v1.C2CSendReq = (function() {

            /**
             * Properties of a C2CSendReq.
             * @memberof im.v1
             * @interface IC2CSendReq
             * @property {string|null} [clientMsgId] C2CSendReq clientMsgId
             * @property {Long|null} [toUserId] C2CSendReq toUserId
             * @property {string|null} [content] C2CSendReq content
             * @property {im.v1.MsgFormat|null} [format] C2CSendReq format
             */

            /**
             * Constructs a new C2CSendReq.
             * @memberof im.v1
             * @classdesc Represents a C2CSendReq.
             * @implements IC2CSendReq
             * @constructor
             * @param {im.v1.IC2CSendReq=} [properties] Properties to set
             */
            function C2CSendReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * C2CSendReq clientMsgId.
             * @member {string} clientMsgId
             * @memberof im.v1.C2CSendReq
             * @instance
             */
            C2CSendReq.prototype.clientMsgId = "";

            /**
             * C2CSendReq toUserId.
             * @member {Long} toUserId
             * @memberof im.v1.C2CSendReq
             * @instance
             */
            C2CSendReq.prototype.toUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * C2CSendReq content.
             * @member {string} content
             * @memberof im.v1.C2CSendReq
             * @instance
             */
            C2CSendReq.prototype.content = "";

            /**
             * C2CSendReq format.
             * @member {im.v1.MsgFormat} format
             * @memberof im.v1.C2CSendReq
             * @instance
             */
            C2CSendReq.prototype.format = 0;

            /**
             * Creates a new C2CSendReq instance using the specified properties.
             * @function create
             * @memberof im.v1.C2CSendReq
             * @static
             * @param {im.v1.IC2CSendReq=} [properties] Properties to set
             * @returns {im.v1.C2CSendReq} C2CSendReq instance
             */
            C2CSendReq.create = function create(properties) {
                return new C2CSendReq(properties);
            };

            /**
             * Encodes the specified C2CSendReq message. Does not implicitly {@link im.v1.C2CSendReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.C2CSendReq
             * @static
             * @param {im.v1.IC2CSendReq} message C2CSendReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            C2CSendReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.clientMsgId != null && Object.hasOwnProperty.call(message, "clientMsgId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.toUserId != null && Object.hasOwnProperty.call(message, "toUserId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.toUserId);
                if (message.content != null && Object.hasOwnProperty.call(message, "content"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.content);
                if (message.format != null && Object.hasOwnProperty.call(message, "format"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.format);
                return writer;
            };

            /**
             * Decodes a C2CSendReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.C2CSendReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.C2CSendReq} C2CSendReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            C2CSendReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.C2CSendReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.clientMsgId = reader.string();
                            break;
                        }
                    case 2: {
                            message.toUserId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.content = reader.string();
                            break;
                        }
                    case 4: {
                            message.format = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for C2CSendReq
             * @function getTypeUrl
             * @memberof im.v1.C2CSendReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            C2CSendReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.C2CSendReq";
            };

            return C2CSendReq;
        })();

        v1.C2CSendAck = (function() {

            /**
             * Properties of a C2CSendAck.
             * @memberof im.v1
             * @interface IC2CSendAck
             * @property {string|null} [clientMsgId] C2CSendAck clientMsgId
             * @property {Long|null} [msgId] C2CSendAck msgId
             * @property {Long|null} [serverTimeMs] C2CSendAck serverTimeMs
             * @property {string|null} [convId] C2CSendAck convId
             * @property {Long|null} [seq] C2CSendAck seq
             */

            /**
             * Constructs a new C2CSendAck.
             * @memberof im.v1
             * @classdesc Represents a C2CSendAck.
             * @implements IC2CSendAck
             * @constructor
             * @param {im.v1.IC2CSendAck=} [properties] Properties to set
             */
            function C2CSendAck(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * C2CSendAck clientMsgId.
             * @member {string} clientMsgId
             * @memberof im.v1.C2CSendAck
             * @instance
             */
            C2CSendAck.prototype.clientMsgId = "";

            /**
             * C2CSendAck msgId.
             * @member {Long} msgId
             * @memberof im.v1.C2CSendAck
             * @instance
             */
            C2CSendAck.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * C2CSendAck serverTimeMs.
             * @member {Long} serverTimeMs
             * @memberof im.v1.C2CSendAck
             * @instance
             */
            C2CSendAck.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * C2CSendAck convId.
             * @member {string} convId
             * @memberof im.v1.C2CSendAck
             * @instance
             */
            C2CSendAck.prototype.convId = "";

            /**
             * C2CSendAck seq.
             * @member {Long} seq
             * @memberof im.v1.C2CSendAck
             * @instance
             */
            C2CSendAck.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new C2CSendAck instance using the specified properties.
             * @function create
             * @memberof im.v1.C2CSendAck
             * @static
             * @param {im.v1.IC2CSendAck=} [properties] Properties to set
             * @returns {im.v1.C2CSendAck} C2CSendAck instance
             */
            C2CSendAck.create = function create(properties) {
                return new C2CSendAck(properties);
            };

            /**
             * Encodes the specified C2CSendAck message. Does not implicitly {@link im.v1.C2CSendAck.verify|verify} messages.
             * @function encode
             * @memberof im.v1.C2CSendAck
             * @static
             * @param {im.v1.IC2CSendAck} message C2CSendAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            C2CSendAck.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.clientMsgId != null && Object.hasOwnProperty.call(message, "clientMsgId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.msgId);
                if (message.serverTimeMs != null && Object.hasOwnProperty.call(message, "serverTimeMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.serverTimeMs);
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.convId);
                if (message.seq != null && Object.hasOwnProperty.call(message, "seq"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.seq);
                return writer;
            };

            /**
             * Decodes a C2CSendAck message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.C2CSendAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.C2CSendAck} C2CSendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            C2CSendAck.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.C2CSendAck();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.clientMsgId = reader.string();
                            break;
                        }
                    case 2: {
                            message.msgId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.serverTimeMs = reader.int64();
                            break;
                        }
                    case 4: {
                            message.convId = reader.string();
                            break;
                        }
                    case 5: {
                            message.seq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for C2CSendAck
             * @function getTypeUrl
             * @memberof im.v1.C2CSendAck
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            C2CSendAck.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.C2CSendAck";
            };

            return C2CSendAck;
        })();

        v1.C2CPush = (function() {

            /**
             * Properties of a C2CPush.
             * @memberof im.v1
             * @interface IC2CPush
             * @property {im.v1.IChatMessage|null} [message] C2CPush message
             */

            /**
             * Constructs a new C2CPush.
             * @memberof im.v1
             * @classdesc Represents a C2CPush.
             * @implements IC2CPush
             * @constructor
             * @param {im.v1.IC2CPush=} [properties] Properties to set
             */
            function C2CPush(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * C2CPush message.
             * @member {im.v1.IChatMessage|null|undefined} message
             * @memberof im.v1.C2CPush
             * @instance
             */
            C2CPush.prototype.message = null;

            /**
             * Creates a new C2CPush instance using the specified properties.
             * @function create
             * @memberof im.v1.C2CPush
             * @static
             * @param {im.v1.IC2CPush=} [properties] Properties to set
             * @returns {im.v1.C2CPush} C2CPush instance
             */
            C2CPush.create = function create(properties) {
                return new C2CPush(properties);
            };

            /**
             * Encodes the specified C2CPush message. Does not implicitly {@link im.v1.C2CPush.verify|verify} messages.
             * @function encode
             * @memberof im.v1.C2CPush
             * @static
             * @param {im.v1.IC2CPush} message C2CPush message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            C2CPush.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    $root.im.v1.ChatMessage.encode(message.message, writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a C2CPush message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.C2CPush
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.C2CPush} C2CPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            C2CPush.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.C2CPush();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.message = $root.im.v1.ChatMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for C2CPush
             * @function getTypeUrl
             * @memberof im.v1.C2CPush
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            C2CPush.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.C2CPush";
            };

            return C2CPush;
        })();

        v1.C2CAck = (function() {

            /**
             * Properties of a C2CAck.
             * @memberof im.v1
             * @interface IC2CAck
             * @property {Array.<Long>|null} [msgIds] C2CAck msgIds
             */

            /**
             * Constructs a new C2CAck.
             * @memberof im.v1
             * @classdesc Represents a C2CAck.
             * @implements IC2CAck
             * @constructor
             * @param {im.v1.IC2CAck=} [properties] Properties to set
             */
            function C2CAck(properties) {
                this.msgIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * C2CAck msgIds.
             * @member {Array.<Long>} msgIds
             * @memberof im.v1.C2CAck
             * @instance
             */
            C2CAck.prototype.msgIds = $util.emptyArray;

            /**
             * Creates a new C2CAck instance using the specified properties.
             * @function create
             * @memberof im.v1.C2CAck
             * @static
             * @param {im.v1.IC2CAck=} [properties] Properties to set
             * @returns {im.v1.C2CAck} C2CAck instance
             */
            C2CAck.create = function create(properties) {
                return new C2CAck(properties);
            };

            /**
             * Encodes the specified C2CAck message. Does not implicitly {@link im.v1.C2CAck.verify|verify} messages.
             * @function encode
             * @memberof im.v1.C2CAck
             * @static
             * @param {im.v1.IC2CAck} message C2CAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            C2CAck.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.msgIds != null && message.msgIds.length) {
                    writer.uint32(/* id 1, wireType 2 =*/10).fork();
                    for (let i = 0; i < message.msgIds.length; ++i)
                        writer.uint64(message.msgIds[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a C2CAck message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.C2CAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.C2CAck} C2CAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            C2CAck.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.C2CAck();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.msgIds && message.msgIds.length))
                                message.msgIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.msgIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.msgIds.push(reader.uint64());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for C2CAck
             * @function getTypeUrl
             * @memberof im.v1.C2CAck
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            C2CAck.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.C2CAck";
            };

            return C2CAck;
        })();

        v1.RecallReq = (function() {

            /**
             * Properties of a RecallReq.
             * @memberof im.v1
             * @interface IRecallReq
             * @property {Long|null} [msgId] RecallReq msgId
             */

            /**
             * Constructs a new RecallReq.
             * @memberof im.v1
             * @classdesc Represents a RecallReq.
             * @implements IRecallReq
             * @constructor
             * @param {im.v1.IRecallReq=} [properties] Properties to set
             */
            function RecallReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * RecallReq msgId.
             * @member {Long} msgId
             * @memberof im.v1.RecallReq
             * @instance
             */
            RecallReq.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new RecallReq instance using the specified properties.
             * @function create
             * @memberof im.v1.RecallReq
             * @static
             * @param {im.v1.IRecallReq=} [properties] Properties to set
             * @returns {im.v1.RecallReq} RecallReq instance
             */
            RecallReq.create = function create(properties) {
                return new RecallReq(properties);
            };

            /**
             * Encodes the specified RecallReq message. Does not implicitly {@link im.v1.RecallReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.RecallReq
             * @static
             * @param {im.v1.IRecallReq} message RecallReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecallReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.msgId);
                return writer;
            };

            /**
             * Decodes a RecallReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.RecallReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.RecallReq} RecallReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecallReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.RecallReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.msgId = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for RecallReq
             * @function getTypeUrl
             * @memberof im.v1.RecallReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            RecallReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.RecallReq";
            };

            return RecallReq;
        })();

        v1.RecallResp = (function() {

            /**
             * Properties of a RecallResp.
             * @memberof im.v1
             * @interface IRecallResp
             * @property {Long|null} [msgId] RecallResp msgId
             * @property {Long|null} [recallTimeMs] RecallResp recallTimeMs
             */

            /**
             * Constructs a new RecallResp.
             * @memberof im.v1
             * @classdesc Represents a RecallResp.
             * @implements IRecallResp
             * @constructor
             * @param {im.v1.IRecallResp=} [properties] Properties to set
             */
            function RecallResp(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * RecallResp msgId.
             * @member {Long} msgId
             * @memberof im.v1.RecallResp
             * @instance
             */
            RecallResp.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * RecallResp recallTimeMs.
             * @member {Long} recallTimeMs
             * @memberof im.v1.RecallResp
             * @instance
             */
            RecallResp.prototype.recallTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new RecallResp instance using the specified properties.
             * @function create
             * @memberof im.v1.RecallResp
             * @static
             * @param {im.v1.IRecallResp=} [properties] Properties to set
             * @returns {im.v1.RecallResp} RecallResp instance
             */
            RecallResp.create = function create(properties) {
                return new RecallResp(properties);
            };

            /**
             * Encodes the specified RecallResp message. Does not implicitly {@link im.v1.RecallResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.RecallResp
             * @static
             * @param {im.v1.IRecallResp} message RecallResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecallResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.msgId);
                if (message.recallTimeMs != null && Object.hasOwnProperty.call(message, "recallTimeMs"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.recallTimeMs);
                return writer;
            };

            /**
             * Decodes a RecallResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.RecallResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.RecallResp} RecallResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecallResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.RecallResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.msgId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.recallTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for RecallResp
             * @function getTypeUrl
             * @memberof im.v1.RecallResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            RecallResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.RecallResp";
            };

            return RecallResp;
        })();

        v1.RecallNotify = (function() {

            /**
             * Properties of a RecallNotify.
             * @memberof im.v1
             * @interface IRecallNotify
             * @property {Long|null} [msgId] RecallNotify msgId
             * @property {Long|null} [fromUserId] RecallNotify fromUserId
             * @property {Long|null} [toUserId] RecallNotify toUserId
             * @property {Long|null} [recallTimeMs] RecallNotify recallTimeMs
             * @property {string|null} [convId] RecallNotify convId
             * @property {Long|null} [seq] RecallNotify seq
             */

            /**
             * Constructs a new RecallNotify.
             * @memberof im.v1
             * @classdesc Represents a RecallNotify.
             * @implements IRecallNotify
             * @constructor
             * @param {im.v1.IRecallNotify=} [properties] Properties to set
             */
            function RecallNotify(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * RecallNotify msgId.
             * @member {Long} msgId
             * @memberof im.v1.RecallNotify
             * @instance
             */
            RecallNotify.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * RecallNotify fromUserId.
             * @member {Long} fromUserId
             * @memberof im.v1.RecallNotify
             * @instance
             */
            RecallNotify.prototype.fromUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * RecallNotify toUserId.
             * @member {Long} toUserId
             * @memberof im.v1.RecallNotify
             * @instance
             */
            RecallNotify.prototype.toUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * RecallNotify recallTimeMs.
             * @member {Long} recallTimeMs
             * @memberof im.v1.RecallNotify
             * @instance
             */
            RecallNotify.prototype.recallTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * RecallNotify convId.
             * @member {string} convId
             * @memberof im.v1.RecallNotify
             * @instance
             */
            RecallNotify.prototype.convId = "";

            /**
             * RecallNotify seq.
             * @member {Long} seq
             * @memberof im.v1.RecallNotify
             * @instance
             */
            RecallNotify.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new RecallNotify instance using the specified properties.
             * @function create
             * @memberof im.v1.RecallNotify
             * @static
             * @param {im.v1.IRecallNotify=} [properties] Properties to set
             * @returns {im.v1.RecallNotify} RecallNotify instance
             */
            RecallNotify.create = function create(properties) {
                return new RecallNotify(properties);
            };

            /**
             * Encodes the specified RecallNotify message. Does not implicitly {@link im.v1.RecallNotify.verify|verify} messages.
             * @function encode
             * @memberof im.v1.RecallNotify
             * @static
             * @param {im.v1.IRecallNotify} message RecallNotify message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecallNotify.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.msgId);
                if (message.fromUserId != null && Object.hasOwnProperty.call(message, "fromUserId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.fromUserId);
                if (message.toUserId != null && Object.hasOwnProperty.call(message, "toUserId"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.toUserId);
                if (message.recallTimeMs != null && Object.hasOwnProperty.call(message, "recallTimeMs"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.recallTimeMs);
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.convId);
                if (message.seq != null && Object.hasOwnProperty.call(message, "seq"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.seq);
                return writer;
            };

            /**
             * Decodes a RecallNotify message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.RecallNotify
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.RecallNotify} RecallNotify
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecallNotify.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.RecallNotify();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.msgId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.fromUserId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.toUserId = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.recallTimeMs = reader.int64();
                            break;
                        }
                    case 5: {
                            message.convId = reader.string();
                            break;
                        }
                    case 6: {
                            message.seq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for RecallNotify
             * @function getTypeUrl
             * @memberof im.v1.RecallNotify
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            RecallNotify.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.RecallNotify";
            };

            return RecallNotify;
        })();

        v1.PullOfflineReq = (function() {

            /**
             * Properties of a PullOfflineReq.
             * @memberof im.v1
             * @interface IPullOfflineReq
             * @property {number|null} [limit] PullOfflineReq limit
             * @property {Long|null} [afterMsgId] PullOfflineReq afterMsgId
             */

            /**
             * Constructs a new PullOfflineReq.
             * @memberof im.v1
             * @classdesc Represents a PullOfflineReq.
             * @implements IPullOfflineReq
             * @constructor
             * @param {im.v1.IPullOfflineReq=} [properties] Properties to set
             */
            function PullOfflineReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * PullOfflineReq limit.
             * @member {number} limit
             * @memberof im.v1.PullOfflineReq
             * @instance
             */
            PullOfflineReq.prototype.limit = 0;

            /**
             * PullOfflineReq afterMsgId.
             * @member {Long} afterMsgId
             * @memberof im.v1.PullOfflineReq
             * @instance
             */
            PullOfflineReq.prototype.afterMsgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new PullOfflineReq instance using the specified properties.
             * @function create
             * @memberof im.v1.PullOfflineReq
             * @static
             * @param {im.v1.IPullOfflineReq=} [properties] Properties to set
             * @returns {im.v1.PullOfflineReq} PullOfflineReq instance
             */
            PullOfflineReq.create = function create(properties) {
                return new PullOfflineReq(properties);
            };

            /**
             * Encodes the specified PullOfflineReq message. Does not implicitly {@link im.v1.PullOfflineReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.PullOfflineReq
             * @static
             * @param {im.v1.IPullOfflineReq} message PullOfflineReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PullOfflineReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.limit);
                if (message.afterMsgId != null && Object.hasOwnProperty.call(message, "afterMsgId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.afterMsgId);
                return writer;
            };

            /**
             * Decodes a PullOfflineReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.PullOfflineReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.PullOfflineReq} PullOfflineReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PullOfflineReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.PullOfflineReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.limit = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.afterMsgId = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for PullOfflineReq
             * @function getTypeUrl
             * @memberof im.v1.PullOfflineReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            PullOfflineReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.PullOfflineReq";
            };

            return PullOfflineReq;
        })();

        v1.PullOfflineResp = (function() {

            /**
             * Properties of a PullOfflineResp.
             * @memberof im.v1
             * @interface IPullOfflineResp
             * @property {Array.<im.v1.IChatMessage>|null} [messages] PullOfflineResp messages
             * @property {boolean|null} [hasMore] PullOfflineResp hasMore
             */

            /**
             * Constructs a new PullOfflineResp.
             * @memberof im.v1
             * @classdesc Represents a PullOfflineResp.
             * @implements IPullOfflineResp
             * @constructor
             * @param {im.v1.IPullOfflineResp=} [properties] Properties to set
             */
            function PullOfflineResp(properties) {
                this.messages = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * PullOfflineResp messages.
             * @member {Array.<im.v1.IChatMessage>} messages
             * @memberof im.v1.PullOfflineResp
             * @instance
             */
            PullOfflineResp.prototype.messages = $util.emptyArray;

            /**
             * PullOfflineResp hasMore.
             * @member {boolean} hasMore
             * @memberof im.v1.PullOfflineResp
             * @instance
             */
            PullOfflineResp.prototype.hasMore = false;

            /**
             * Creates a new PullOfflineResp instance using the specified properties.
             * @function create
             * @memberof im.v1.PullOfflineResp
             * @static
             * @param {im.v1.IPullOfflineResp=} [properties] Properties to set
             * @returns {im.v1.PullOfflineResp} PullOfflineResp instance
             */
            PullOfflineResp.create = function create(properties) {
                return new PullOfflineResp(properties);
            };

            /**
             * Encodes the specified PullOfflineResp message. Does not implicitly {@link im.v1.PullOfflineResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.PullOfflineResp
             * @static
             * @param {im.v1.IPullOfflineResp} message PullOfflineResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PullOfflineResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.messages != null && message.messages.length)
                    for (let i = 0; i < message.messages.length; ++i)
                        $root.im.v1.ChatMessage.encode(message.messages[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (message.hasMore != null && Object.hasOwnProperty.call(message, "hasMore"))
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.hasMore);
                return writer;
            };

            /**
             * Decodes a PullOfflineResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.PullOfflineResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.PullOfflineResp} PullOfflineResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PullOfflineResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.PullOfflineResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.messages && message.messages.length))
                                message.messages = [];
                            message.messages.push($root.im.v1.ChatMessage.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 2: {
                            message.hasMore = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for PullOfflineResp
             * @function getTypeUrl
             * @memberof im.v1.PullOfflineResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            PullOfflineResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.PullOfflineResp";
            };

            return PullOfflineResp;
        })();

        v1.Kick = (function() {

            /**
             * Properties of a Kick.
             * @memberof im.v1
             * @interface IKick
             * @property {im.v1.KickReason|null} [reason] Kick reason
             * @property {string|null} [detail] Kick detail
             */

            /**
             * Constructs a new Kick.
             * @memberof im.v1
             * @classdesc Represents a Kick.
             * @implements IKick
             * @constructor
             * @param {im.v1.IKick=} [properties] Properties to set
             */
            function Kick(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Kick reason.
             * @member {im.v1.KickReason} reason
             * @memberof im.v1.Kick
             * @instance
             */
            Kick.prototype.reason = 0;

            /**
             * Kick detail.
             * @member {string} detail
             * @memberof im.v1.Kick
             * @instance
             */
            Kick.prototype.detail = "";

            /**
             * Creates a new Kick instance using the specified properties.
             * @function create
             * @memberof im.v1.Kick
             * @static
             * @param {im.v1.IKick=} [properties] Properties to set
             * @returns {im.v1.Kick} Kick instance
             */
            Kick.create = function create(properties) {
                return new Kick(properties);
            };

            /**
             * Encodes the specified Kick message. Does not implicitly {@link im.v1.Kick.verify|verify} messages.
             * @function encode
             * @memberof im.v1.Kick
             * @static
             * @param {im.v1.IKick} message Kick message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Kick.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.reason);
                if (message.detail != null && Object.hasOwnProperty.call(message, "detail"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.detail);
                return writer;
            };

            /**
             * Decodes a Kick message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.Kick
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.Kick} Kick
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Kick.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.Kick();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.reason = reader.int32();
                            break;
                        }
                    case 2: {
                            message.detail = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Kick
             * @function getTypeUrl
             * @memberof im.v1.Kick
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Kick.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.Kick";
            };

            return Kick;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @memberof im.v1
             * @interface IError
             * @property {im.v1.ErrorCode|null} [code] Error code
             * @property {string|null} [message] Error message
             */

            /**
             * Constructs a new Error.
             * @memberof im.v1
             * @classdesc Represents an Error.
             * @implements IError
             * @constructor
             * @param {im.v1.IError=} [properties] Properties to set
             */
            function Error(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Error code.
             * @member {im.v1.ErrorCode} code
             * @memberof im.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof im.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof im.v1.Error
             * @static
             * @param {im.v1.IError=} [properties] Properties to set
             * @returns {im.v1.Error} Error instance
             */
            Error.create = function create(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link im.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof im.v1.Error
             * @static
             * @param {im.v1.IError} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.Error} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.Error();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.code = reader.int32();
                            break;
                        }
                    case 2: {
                            message.message = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Error
             * @function getTypeUrl
             * @memberof im.v1.Error
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Error.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.Error";
            };

            return Error;
        })();

        v1.ChatMessage = (function() {

            /**
             * Properties of a ChatMessage.
             * @memberof im.v1
             * @interface IChatMessage
             * @property {Long|null} [msgId] ChatMessage msgId
             * @property {string|null} [clientMsgId] ChatMessage clientMsgId
             * @property {Long|null} [fromUserId] ChatMessage fromUserId
             * @property {Long|null} [toUserId] ChatMessage toUserId
             * @property {string|null} [content] ChatMessage content
             * @property {im.v1.MsgFormat|null} [format] ChatMessage format
             * @property {Long|null} [createTimeMs] ChatMessage createTimeMs
             * @property {string|null} [convId] ChatMessage convId
             * @property {Long|null} [seq] ChatMessage seq
             * @property {Long|null} [groupId] ChatMessage groupId
             * @property {boolean|null} [recalled] ChatMessage recalled
             * @property {Long|null} [recalledMsgId] ChatMessage recalledMsgId
             * @property {Array.<Long>|null} [mentionUserIds] ChatMessage mentionUserIds
             * @property {im.v1.IGroupEvent|null} [groupEvent] ChatMessage groupEvent
             */

            /**
             * Constructs a new ChatMessage.
             * @memberof im.v1
             * @classdesc Represents a ChatMessage.
             * @implements IChatMessage
             * @constructor
             * @param {im.v1.IChatMessage=} [properties] Properties to set
             */
            function ChatMessage(properties) {
                this.mentionUserIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ChatMessage msgId.
             * @member {Long} msgId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatMessage clientMsgId.
             * @member {string} clientMsgId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.clientMsgId = "";

            /**
             * ChatMessage fromUserId.
             * @member {Long} fromUserId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.fromUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatMessage toUserId.
             * @member {Long} toUserId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.toUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatMessage content.
             * @member {string} content
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.content = "";

            /**
             * ChatMessage format.
             * @member {im.v1.MsgFormat} format
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.format = 0;

            /**
             * ChatMessage createTimeMs.
             * @member {Long} createTimeMs
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.createTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ChatMessage convId.
             * @member {string} convId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.convId = "";

            /**
             * ChatMessage seq.
             * @member {Long} seq
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatMessage groupId.
             * @member {Long} groupId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.groupId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatMessage recalled.
             * @member {boolean} recalled
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.recalled = false;

            /**
             * ChatMessage recalledMsgId.
             * @member {Long} recalledMsgId
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.recalledMsgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatMessage mentionUserIds.
             * @member {Array.<Long>} mentionUserIds
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.mentionUserIds = $util.emptyArray;

            /**
             * ChatMessage groupEvent.
             * @member {im.v1.IGroupEvent|null|undefined} groupEvent
             * @memberof im.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.groupEvent = null;

            /**
             * Creates a new ChatMessage instance using the specified properties.
             * @function create
             * @memberof im.v1.ChatMessage
             * @static
             * @param {im.v1.IChatMessage=} [properties] Properties to set
             * @returns {im.v1.ChatMessage} ChatMessage instance
             */
            ChatMessage.create = function create(properties) {
                return new ChatMessage(properties);
            };

            /**
             * Encodes the specified ChatMessage message. Does not implicitly {@link im.v1.ChatMessage.verify|verify} messages.
             * @function encode
             * @memberof im.v1.ChatMessage
             * @static
             * @param {im.v1.IChatMessage} message ChatMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChatMessage.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.msgId);
                if (message.clientMsgId != null && Object.hasOwnProperty.call(message, "clientMsgId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.clientMsgId);
                if (message.fromUserId != null && Object.hasOwnProperty.call(message, "fromUserId"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.fromUserId);
                if (message.toUserId != null && Object.hasOwnProperty.call(message, "toUserId"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.toUserId);
                if (message.content != null && Object.hasOwnProperty.call(message, "content"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.content);
                if (message.format != null && Object.hasOwnProperty.call(message, "format"))
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.format);
                if (message.createTimeMs != null && Object.hasOwnProperty.call(message, "createTimeMs"))
                    writer.uint32(/* id 7, wireType 0 =*/56).int64(message.createTimeMs);
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.convId);
                if (message.seq != null && Object.hasOwnProperty.call(message, "seq"))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.seq);
                if (message.groupId != null && Object.hasOwnProperty.call(message, "groupId"))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.groupId);
                if (message.recalled != null && Object.hasOwnProperty.call(message, "recalled"))
                    writer.uint32(/* id 11, wireType 0 =*/88).bool(message.recalled);
                if (message.recalledMsgId != null && Object.hasOwnProperty.call(message, "recalledMsgId"))
                    writer.uint32(/* id 12, wireType 0 =*/96).uint64(message.recalledMsgId);
                if (message.mentionUserIds != null && message.mentionUserIds.length) {
                    writer.uint32(/* id 13, wireType 2 =*/106).fork();
                    for (let i = 0; i < message.mentionUserIds.length; ++i)
                        writer.uint64(message.mentionUserIds[i]);
                    writer.ldelim();
                }
                if (message.groupEvent != null && Object.hasOwnProperty.call(message, "groupEvent"))
                    $root.im.v1.GroupEvent.encode(message.groupEvent, writer.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a ChatMessage message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.ChatMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.ChatMessage} ChatMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChatMessage.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.ChatMessage();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.msgId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.clientMsgId = reader.string();
                            break;
                        }
                    case 3: {
                            message.fromUserId = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.toUserId = reader.uint64();
                            break;
                        }
                    case 5: {
                            message.content = reader.string();
                            break;
                        }
                    case 6: {
                            message.format = reader.int32();
                            break;
                        }
                    case 7: {
                            message.createTimeMs = reader.int64();
                            break;
                        }
                    case 8: {
                            message.convId = reader.string();
                            break;
                        }
                    case 9: {
                            message.seq = reader.uint64();
                            break;
                        }
                    case 10: {
                            message.groupId = reader.uint64();
                            break;
                        }
                    case 11: {
                            message.recalled = reader.bool();
                            break;
                        }
                    case 12: {
                            message.recalledMsgId = reader.uint64();
                            break;
                        }
                    case 13: {
                            if (!(message.mentionUserIds && message.mentionUserIds.length))
                                message.mentionUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.mentionUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.mentionUserIds.push(reader.uint64());
                            break;
                        }
                    case 14: {
                            message.groupEvent = $root.im.v1.GroupEvent.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for ChatMessage
             * @function getTypeUrl
             * @memberof im.v1.ChatMessage
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ChatMessage.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.ChatMessage";
            };

            return ChatMessage;
        })();

        v1.SyncReq = (function() {

            /**
             * Properties of a SyncReq.
             * @memberof im.v1
             * @interface ISyncReq
             * @property {number|null} [limit] SyncReq limit
             * @property {string|null} [pageToken] SyncReq pageToken
             * @property {Long|null} [updatedAfterMs] SyncReq updatedAfterMs
             */

            /**
             * Constructs a new SyncReq.
             * @memberof im.v1
             * @classdesc Represents a SyncReq.
             * @implements ISyncReq
             * @constructor
             * @param {im.v1.ISyncReq=} [properties] Properties to set
             */
            function SyncReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * SyncReq limit.
             * @member {number} limit
             * @memberof im.v1.SyncReq
             * @instance
             */
            SyncReq.prototype.limit = 0;

            /**
             * SyncReq pageToken.
             * @member {string} pageToken
             * @memberof im.v1.SyncReq
             * @instance
             */
            SyncReq.prototype.pageToken = "";

            /**
             * SyncReq updatedAfterMs.
             * @member {Long} updatedAfterMs
             * @memberof im.v1.SyncReq
             * @instance
             */
            SyncReq.prototype.updatedAfterMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new SyncReq instance using the specified properties.
             * @function create
             * @memberof im.v1.SyncReq
             * @static
             * @param {im.v1.ISyncReq=} [properties] Properties to set
             * @returns {im.v1.SyncReq} SyncReq instance
             */
            SyncReq.create = function create(properties) {
                return new SyncReq(properties);
            };

            /**
             * Encodes the specified SyncReq message. Does not implicitly {@link im.v1.SyncReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.SyncReq
             * @static
             * @param {im.v1.ISyncReq} message SyncReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SyncReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.limit);
                if (message.pageToken != null && Object.hasOwnProperty.call(message, "pageToken"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.pageToken);
                if (message.updatedAfterMs != null && Object.hasOwnProperty.call(message, "updatedAfterMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.updatedAfterMs);
                return writer;
            };

            /**
             * Decodes a SyncReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.SyncReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.SyncReq} SyncReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SyncReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.SyncReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.limit = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.pageToken = reader.string();
                            break;
                        }
                    case 3: {
                            message.updatedAfterMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for SyncReq
             * @function getTypeUrl
             * @memberof im.v1.SyncReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SyncReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.SyncReq";
            };

            return SyncReq;
        })();

        v1.SyncResp = (function() {

            /**
             * Properties of a SyncResp.
             * @memberof im.v1
             * @interface ISyncResp
             * @property {Array.<im.v1.IConvState>|null} [convs] SyncResp convs
             * @property {string|null} [nextPageToken] SyncResp nextPageToken
             * @property {Long|null} [serverTimeMs] SyncResp serverTimeMs
             */

            /**
             * Constructs a new SyncResp.
             * @memberof im.v1
             * @classdesc Represents a SyncResp.
             * @implements ISyncResp
             * @constructor
             * @param {im.v1.ISyncResp=} [properties] Properties to set
             */
            function SyncResp(properties) {
                this.convs = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * SyncResp convs.
             * @member {Array.<im.v1.IConvState>} convs
             * @memberof im.v1.SyncResp
             * @instance
             */
            SyncResp.prototype.convs = $util.emptyArray;

            /**
             * SyncResp nextPageToken.
             * @member {string} nextPageToken
             * @memberof im.v1.SyncResp
             * @instance
             */
            SyncResp.prototype.nextPageToken = "";

            /**
             * SyncResp serverTimeMs.
             * @member {Long} serverTimeMs
             * @memberof im.v1.SyncResp
             * @instance
             */
            SyncResp.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new SyncResp instance using the specified properties.
             * @function create
             * @memberof im.v1.SyncResp
             * @static
             * @param {im.v1.ISyncResp=} [properties] Properties to set
             * @returns {im.v1.SyncResp} SyncResp instance
             */
            SyncResp.create = function create(properties) {
                return new SyncResp(properties);
            };

            /**
             * Encodes the specified SyncResp message. Does not implicitly {@link im.v1.SyncResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.SyncResp
             * @static
             * @param {im.v1.ISyncResp} message SyncResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SyncResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convs != null && message.convs.length)
                    for (let i = 0; i < message.convs.length; ++i)
                        $root.im.v1.ConvState.encode(message.convs[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (message.nextPageToken != null && Object.hasOwnProperty.call(message, "nextPageToken"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.nextPageToken);
                if (message.serverTimeMs != null && Object.hasOwnProperty.call(message, "serverTimeMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.serverTimeMs);
                return writer;
            };

            /**
             * Decodes a SyncResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.SyncResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.SyncResp} SyncResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SyncResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.SyncResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.convs && message.convs.length))
                                message.convs = [];
                            message.convs.push($root.im.v1.ConvState.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 2: {
                            message.nextPageToken = reader.string();
                            break;
                        }
                    case 3: {
                            message.serverTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for SyncResp
             * @function getTypeUrl
             * @memberof im.v1.SyncResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SyncResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.SyncResp";
            };

            return SyncResp;
        })();

        v1.ConvState = (function() {

            /**
             * Properties of a ConvState.
             * @memberof im.v1
             * @interface IConvState
             * @property {string|null} [convId] ConvState convId
             * @property {Long|null} [peerUserId] ConvState peerUserId
             * @property {Long|null} [groupId] ConvState groupId
             * @property {Long|null} [maxSeq] ConvState maxSeq
             * @property {Long|null} [readSeq] ConvState readSeq
             * @property {Long|null} [peerReadSeq] ConvState peerReadSeq
             * @property {number|null} [unread] ConvState unread
             * @property {im.v1.IChatMessage|null} [last] ConvState last
             * @property {Long|null} [updateTimeMs] ConvState updateTimeMs
             * @property {Long|null} [minSeq] ConvState minSeq
             */

            /**
             * Constructs a new ConvState.
             * @memberof im.v1
             * @classdesc Represents a ConvState.
             * @implements IConvState
             * @constructor
             * @param {im.v1.IConvState=} [properties] Properties to set
             */
            function ConvState(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ConvState convId.
             * @member {string} convId
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.convId = "";

            /**
             * ConvState peerUserId.
             * @member {Long} peerUserId
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.peerUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ConvState groupId.
             * @member {Long} groupId
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.groupId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ConvState maxSeq.
             * @member {Long} maxSeq
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.maxSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ConvState readSeq.
             * @member {Long} readSeq
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ConvState peerReadSeq.
             * @member {Long} peerReadSeq
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.peerReadSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ConvState unread.
             * @member {number} unread
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.unread = 0;

            /**
             * ConvState last.
             * @member {im.v1.IChatMessage|null|undefined} last
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.last = null;

            /**
             * ConvState updateTimeMs.
             * @member {Long} updateTimeMs
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.updateTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ConvState minSeq.
             * @member {Long} minSeq
             * @memberof im.v1.ConvState
             * @instance
             */
            ConvState.prototype.minSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ConvState instance using the specified properties.
             * @function create
             * @memberof im.v1.ConvState
             * @static
             * @param {im.v1.IConvState=} [properties] Properties to set
             * @returns {im.v1.ConvState} ConvState instance
             */
            ConvState.create = function create(properties) {
                return new ConvState(properties);
            };

            /**
             * Encodes the specified ConvState message. Does not implicitly {@link im.v1.ConvState.verify|verify} messages.
             * @function encode
             * @memberof im.v1.ConvState
             * @static
             * @param {im.v1.IConvState} message ConvState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConvState.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.peerUserId != null && Object.hasOwnProperty.call(message, "peerUserId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.peerUserId);
                if (message.groupId != null && Object.hasOwnProperty.call(message, "groupId"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.groupId);
                if (message.maxSeq != null && Object.hasOwnProperty.call(message, "maxSeq"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.maxSeq);
                if (message.readSeq != null && Object.hasOwnProperty.call(message, "readSeq"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.readSeq);
                if (message.peerReadSeq != null && Object.hasOwnProperty.call(message, "peerReadSeq"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.peerReadSeq);
                if (message.unread != null && Object.hasOwnProperty.call(message, "unread"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.unread);
                if (message.last != null && Object.hasOwnProperty.call(message, "last"))
                    $root.im.v1.ChatMessage.encode(message.last, writer.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (message.updateTimeMs != null && Object.hasOwnProperty.call(message, "updateTimeMs"))
                    writer.uint32(/* id 9, wireType 0 =*/72).int64(message.updateTimeMs);
                if (message.minSeq != null && Object.hasOwnProperty.call(message, "minSeq"))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.minSeq);
                return writer;
            };

            /**
             * Decodes a ConvState message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.ConvState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.ConvState} ConvState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConvState.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.ConvState();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.peerUserId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.groupId = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.maxSeq = reader.uint64();
                            break;
                        }
                    case 5: {
                            message.readSeq = reader.uint64();
                            break;
                        }
                    case 6: {
                            message.peerReadSeq = reader.uint64();
                            break;
                        }
                    case 7: {
                            message.unread = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.last = $root.im.v1.ChatMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 9: {
                            message.updateTimeMs = reader.int64();
                            break;
                        }
                    case 10: {
                            message.minSeq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for ConvState
             * @function getTypeUrl
             * @memberof im.v1.ConvState
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ConvState.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.ConvState";
            };

            return ConvState;
        })();

        v1.HistoryReq = (function() {

            /**
             * Properties of a HistoryReq.
             * @memberof im.v1
             * @interface IHistoryReq
             * @property {string|null} [convId] HistoryReq convId
             * @property {Long|null} [afterSeq] HistoryReq afterSeq
             * @property {Long|null} [beforeSeq] HistoryReq beforeSeq
             * @property {number|null} [limit] HistoryReq limit
             */

            /**
             * Constructs a new HistoryReq.
             * @memberof im.v1
             * @classdesc Represents a HistoryReq.
             * @implements IHistoryReq
             * @constructor
             * @param {im.v1.IHistoryReq=} [properties] Properties to set
             */
            function HistoryReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * HistoryReq convId.
             * @member {string} convId
             * @memberof im.v1.HistoryReq
             * @instance
             */
            HistoryReq.prototype.convId = "";

            /**
             * HistoryReq afterSeq.
             * @member {Long} afterSeq
             * @memberof im.v1.HistoryReq
             * @instance
             */
            HistoryReq.prototype.afterSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * HistoryReq beforeSeq.
             * @member {Long} beforeSeq
             * @memberof im.v1.HistoryReq
             * @instance
             */
            HistoryReq.prototype.beforeSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * HistoryReq limit.
             * @member {number} limit
             * @memberof im.v1.HistoryReq
             * @instance
             */
            HistoryReq.prototype.limit = 0;

            /**
             * Creates a new HistoryReq instance using the specified properties.
             * @function create
             * @memberof im.v1.HistoryReq
             * @static
             * @param {im.v1.IHistoryReq=} [properties] Properties to set
             * @returns {im.v1.HistoryReq} HistoryReq instance
             */
            HistoryReq.create = function create(properties) {
                return new HistoryReq(properties);
            };

            /**
             * Encodes the specified HistoryReq message. Does not implicitly {@link im.v1.HistoryReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.HistoryReq
             * @static
             * @param {im.v1.IHistoryReq} message HistoryReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HistoryReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.afterSeq != null && Object.hasOwnProperty.call(message, "afterSeq"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.afterSeq);
                if (message.beforeSeq != null && Object.hasOwnProperty.call(message, "beforeSeq"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.beforeSeq);
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.limit);
                return writer;
            };

            /**
             * Decodes a HistoryReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.HistoryReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.HistoryReq} HistoryReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HistoryReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.HistoryReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.afterSeq = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.beforeSeq = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.limit = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for HistoryReq
             * @function getTypeUrl
             * @memberof im.v1.HistoryReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            HistoryReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.HistoryReq";
            };

            return HistoryReq;
        })();

        v1.HistoryResp = (function() {

            /**
             * Properties of a HistoryResp.
             * @memberof im.v1
             * @interface IHistoryResp
             * @property {Array.<im.v1.IChatMessage>|null} [messages] HistoryResp messages
             * @property {boolean|null} [hasMore] HistoryResp hasMore
             * @property {Long|null} [minSeq] HistoryResp minSeq
             */

            /**
             * Constructs a new HistoryResp.
             * @memberof im.v1
             * @classdesc Represents a HistoryResp.
             * @implements IHistoryResp
             * @constructor
             * @param {im.v1.IHistoryResp=} [properties] Properties to set
             */
            function HistoryResp(properties) {
                this.messages = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * HistoryResp messages.
             * @member {Array.<im.v1.IChatMessage>} messages
             * @memberof im.v1.HistoryResp
             * @instance
             */
            HistoryResp.prototype.messages = $util.emptyArray;

            /**
             * HistoryResp hasMore.
             * @member {boolean} hasMore
             * @memberof im.v1.HistoryResp
             * @instance
             */
            HistoryResp.prototype.hasMore = false;

            /**
             * HistoryResp minSeq.
             * @member {Long} minSeq
             * @memberof im.v1.HistoryResp
             * @instance
             */
            HistoryResp.prototype.minSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new HistoryResp instance using the specified properties.
             * @function create
             * @memberof im.v1.HistoryResp
             * @static
             * @param {im.v1.IHistoryResp=} [properties] Properties to set
             * @returns {im.v1.HistoryResp} HistoryResp instance
             */
            HistoryResp.create = function create(properties) {
                return new HistoryResp(properties);
            };

            /**
             * Encodes the specified HistoryResp message. Does not implicitly {@link im.v1.HistoryResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.HistoryResp
             * @static
             * @param {im.v1.IHistoryResp} message HistoryResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HistoryResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.messages != null && message.messages.length)
                    for (let i = 0; i < message.messages.length; ++i)
                        $root.im.v1.ChatMessage.encode(message.messages[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (message.hasMore != null && Object.hasOwnProperty.call(message, "hasMore"))
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.hasMore);
                if (message.minSeq != null && Object.hasOwnProperty.call(message, "minSeq"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.minSeq);
                return writer;
            };

            /**
             * Decodes a HistoryResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.HistoryResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.HistoryResp} HistoryResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HistoryResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.HistoryResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.messages && message.messages.length))
                                message.messages = [];
                            message.messages.push($root.im.v1.ChatMessage.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 2: {
                            message.hasMore = reader.bool();
                            break;
                        }
                    case 3: {
                            message.minSeq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for HistoryResp
             * @function getTypeUrl
             * @memberof im.v1.HistoryResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            HistoryResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.HistoryResp";
            };

            return HistoryResp;
        })();

        v1.ReadReq = (function() {

            /**
             * Properties of a ReadReq.
             * @memberof im.v1
             * @interface IReadReq
             * @property {string|null} [convId] ReadReq convId
             * @property {Long|null} [readSeq] ReadReq readSeq
             */

            /**
             * Constructs a new ReadReq.
             * @memberof im.v1
             * @classdesc Represents a ReadReq.
             * @implements IReadReq
             * @constructor
             * @param {im.v1.IReadReq=} [properties] Properties to set
             */
            function ReadReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ReadReq convId.
             * @member {string} convId
             * @memberof im.v1.ReadReq
             * @instance
             */
            ReadReq.prototype.convId = "";

            /**
             * ReadReq readSeq.
             * @member {Long} readSeq
             * @memberof im.v1.ReadReq
             * @instance
             */
            ReadReq.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ReadReq instance using the specified properties.
             * @function create
             * @memberof im.v1.ReadReq
             * @static
             * @param {im.v1.IReadReq=} [properties] Properties to set
             * @returns {im.v1.ReadReq} ReadReq instance
             */
            ReadReq.create = function create(properties) {
                return new ReadReq(properties);
            };

            /**
             * Encodes the specified ReadReq message. Does not implicitly {@link im.v1.ReadReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.ReadReq
             * @static
             * @param {im.v1.IReadReq} message ReadReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReadReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.readSeq != null && Object.hasOwnProperty.call(message, "readSeq"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.readSeq);
                return writer;
            };

            /**
             * Decodes a ReadReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.ReadReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.ReadReq} ReadReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReadReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.ReadReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.readSeq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for ReadReq
             * @function getTypeUrl
             * @memberof im.v1.ReadReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ReadReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.ReadReq";
            };

            return ReadReq;
        })();

        v1.ReadResp = (function() {

            /**
             * Properties of a ReadResp.
             * @memberof im.v1
             * @interface IReadResp
             * @property {string|null} [convId] ReadResp convId
             * @property {Long|null} [readSeq] ReadResp readSeq
             * @property {number|null} [unread] ReadResp unread
             */

            /**
             * Constructs a new ReadResp.
             * @memberof im.v1
             * @classdesc Represents a ReadResp.
             * @implements IReadResp
             * @constructor
             * @param {im.v1.IReadResp=} [properties] Properties to set
             */
            function ReadResp(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ReadResp convId.
             * @member {string} convId
             * @memberof im.v1.ReadResp
             * @instance
             */
            ReadResp.prototype.convId = "";

            /**
             * ReadResp readSeq.
             * @member {Long} readSeq
             * @memberof im.v1.ReadResp
             * @instance
             */
            ReadResp.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ReadResp unread.
             * @member {number} unread
             * @memberof im.v1.ReadResp
             * @instance
             */
            ReadResp.prototype.unread = 0;

            /**
             * Creates a new ReadResp instance using the specified properties.
             * @function create
             * @memberof im.v1.ReadResp
             * @static
             * @param {im.v1.IReadResp=} [properties] Properties to set
             * @returns {im.v1.ReadResp} ReadResp instance
             */
            ReadResp.create = function create(properties) {
                return new ReadResp(properties);
            };

            /**
             * Encodes the specified ReadResp message. Does not implicitly {@link im.v1.ReadResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.ReadResp
             * @static
             * @param {im.v1.IReadResp} message ReadResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReadResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.readSeq != null && Object.hasOwnProperty.call(message, "readSeq"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.readSeq);
                if (message.unread != null && Object.hasOwnProperty.call(message, "unread"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.unread);
                return writer;
            };

            /**
             * Decodes a ReadResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.ReadResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.ReadResp} ReadResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReadResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.ReadResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.readSeq = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.unread = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for ReadResp
             * @function getTypeUrl
             * @memberof im.v1.ReadResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ReadResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.ReadResp";
            };

            return ReadResp;
        })();

        v1.ReadNotify = (function() {

            /**
             * Properties of a ReadNotify.
             * @memberof im.v1
             * @interface IReadNotify
             * @property {string|null} [convId] ReadNotify convId
             * @property {Long|null} [userId] ReadNotify userId
             * @property {Long|null} [readSeq] ReadNotify readSeq
             */

            /**
             * Constructs a new ReadNotify.
             * @memberof im.v1
             * @classdesc Represents a ReadNotify.
             * @implements IReadNotify
             * @constructor
             * @param {im.v1.IReadNotify=} [properties] Properties to set
             */
            function ReadNotify(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ReadNotify convId.
             * @member {string} convId
             * @memberof im.v1.ReadNotify
             * @instance
             */
            ReadNotify.prototype.convId = "";

            /**
             * ReadNotify userId.
             * @member {Long} userId
             * @memberof im.v1.ReadNotify
             * @instance
             */
            ReadNotify.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ReadNotify readSeq.
             * @member {Long} readSeq
             * @memberof im.v1.ReadNotify
             * @instance
             */
            ReadNotify.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ReadNotify instance using the specified properties.
             * @function create
             * @memberof im.v1.ReadNotify
             * @static
             * @param {im.v1.IReadNotify=} [properties] Properties to set
             * @returns {im.v1.ReadNotify} ReadNotify instance
             */
            ReadNotify.create = function create(properties) {
                return new ReadNotify(properties);
            };

            /**
             * Encodes the specified ReadNotify message. Does not implicitly {@link im.v1.ReadNotify.verify|verify} messages.
             * @function encode
             * @memberof im.v1.ReadNotify
             * @static
             * @param {im.v1.IReadNotify} message ReadNotify message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReadNotify.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.userId != null && Object.hasOwnProperty.call(message, "userId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.userId);
                if (message.readSeq != null && Object.hasOwnProperty.call(message, "readSeq"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.readSeq);
                return writer;
            };

            /**
             * Decodes a ReadNotify message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.ReadNotify
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.ReadNotify} ReadNotify
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReadNotify.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.ReadNotify();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.userId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.readSeq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for ReadNotify
             * @function getTypeUrl
             * @memberof im.v1.ReadNotify
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ReadNotify.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.ReadNotify";
            };

            return ReadNotify;
        })();

        v1.TypingReq = (function() {

            /**
             * Properties of a TypingReq.
             * @memberof im.v1
             * @interface ITypingReq
             * @property {string|null} [convId] TypingReq convId
             * @property {boolean|null} [typing] TypingReq typing
             */

            /**
             * Constructs a new TypingReq.
             * @memberof im.v1
             * @classdesc Represents a TypingReq.
             * @implements ITypingReq
             * @constructor
             * @param {im.v1.ITypingReq=} [properties] Properties to set
             */
            function TypingReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * TypingReq convId.
             * @member {string} convId
             * @memberof im.v1.TypingReq
             * @instance
             */
            TypingReq.prototype.convId = "";

            /**
             * TypingReq typing.
             * @member {boolean} typing
             * @memberof im.v1.TypingReq
             * @instance
             */
            TypingReq.prototype.typing = false;

            /**
             * Creates a new TypingReq instance using the specified properties.
             * @function create
             * @memberof im.v1.TypingReq
             * @static
             * @param {im.v1.ITypingReq=} [properties] Properties to set
             * @returns {im.v1.TypingReq} TypingReq instance
             */
            TypingReq.create = function create(properties) {
                return new TypingReq(properties);
            };

            /**
             * Encodes the specified TypingReq message. Does not implicitly {@link im.v1.TypingReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.TypingReq
             * @static
             * @param {im.v1.ITypingReq} message TypingReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TypingReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.typing != null && Object.hasOwnProperty.call(message, "typing"))
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.typing);
                return writer;
            };

            /**
             * Decodes a TypingReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.TypingReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.TypingReq} TypingReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TypingReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.TypingReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.typing = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for TypingReq
             * @function getTypeUrl
             * @memberof im.v1.TypingReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            TypingReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.TypingReq";
            };

            return TypingReq;
        })();

        v1.TypingNotify = (function() {

            /**
             * Properties of a TypingNotify.
             * @memberof im.v1
             * @interface ITypingNotify
             * @property {string|null} [convId] TypingNotify convId
             * @property {Long|null} [userId] TypingNotify userId
             * @property {boolean|null} [typing] TypingNotify typing
             */

            /**
             * Constructs a new TypingNotify.
             * @memberof im.v1
             * @classdesc Represents a TypingNotify.
             * @implements ITypingNotify
             * @constructor
             * @param {im.v1.ITypingNotify=} [properties] Properties to set
             */
            function TypingNotify(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * TypingNotify convId.
             * @member {string} convId
             * @memberof im.v1.TypingNotify
             * @instance
             */
            TypingNotify.prototype.convId = "";

            /**
             * TypingNotify userId.
             * @member {Long} userId
             * @memberof im.v1.TypingNotify
             * @instance
             */
            TypingNotify.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TypingNotify typing.
             * @member {boolean} typing
             * @memberof im.v1.TypingNotify
             * @instance
             */
            TypingNotify.prototype.typing = false;

            /**
             * Creates a new TypingNotify instance using the specified properties.
             * @function create
             * @memberof im.v1.TypingNotify
             * @static
             * @param {im.v1.ITypingNotify=} [properties] Properties to set
             * @returns {im.v1.TypingNotify} TypingNotify instance
             */
            TypingNotify.create = function create(properties) {
                return new TypingNotify(properties);
            };

            /**
             * Encodes the specified TypingNotify message. Does not implicitly {@link im.v1.TypingNotify.verify|verify} messages.
             * @function encode
             * @memberof im.v1.TypingNotify
             * @static
             * @param {im.v1.ITypingNotify} message TypingNotify message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TypingNotify.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.convId);
                if (message.userId != null && Object.hasOwnProperty.call(message, "userId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.userId);
                if (message.typing != null && Object.hasOwnProperty.call(message, "typing"))
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.typing);
                return writer;
            };

            /**
             * Decodes a TypingNotify message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.TypingNotify
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.TypingNotify} TypingNotify
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TypingNotify.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.TypingNotify();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.convId = reader.string();
                            break;
                        }
                    case 2: {
                            message.userId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.typing = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for TypingNotify
             * @function getTypeUrl
             * @memberof im.v1.TypingNotify
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            TypingNotify.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.TypingNotify";
            };

            return TypingNotify;
        })();

        v1.GroupSendReq = (function() {

            /**
             * Properties of a GroupSendReq.
             * @memberof im.v1
             * @interface IGroupSendReq
             * @property {string|null} [clientMsgId] GroupSendReq clientMsgId
             * @property {Long|null} [groupId] GroupSendReq groupId
             * @property {string|null} [content] GroupSendReq content
             * @property {im.v1.MsgFormat|null} [format] GroupSendReq format
             * @property {Array.<Long>|null} [mentionUserIds] GroupSendReq mentionUserIds
             */

            /**
             * Constructs a new GroupSendReq.
             * @memberof im.v1
             * @classdesc Represents a GroupSendReq.
             * @implements IGroupSendReq
             * @constructor
             * @param {im.v1.IGroupSendReq=} [properties] Properties to set
             */
            function GroupSendReq(properties) {
                this.mentionUserIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupSendReq clientMsgId.
             * @member {string} clientMsgId
             * @memberof im.v1.GroupSendReq
             * @instance
             */
            GroupSendReq.prototype.clientMsgId = "";

            /**
             * GroupSendReq groupId.
             * @member {Long} groupId
             * @memberof im.v1.GroupSendReq
             * @instance
             */
            GroupSendReq.prototype.groupId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupSendReq content.
             * @member {string} content
             * @memberof im.v1.GroupSendReq
             * @instance
             */
            GroupSendReq.prototype.content = "";

            /**
             * GroupSendReq format.
             * @member {im.v1.MsgFormat} format
             * @memberof im.v1.GroupSendReq
             * @instance
             */
            GroupSendReq.prototype.format = 0;

            /**
             * GroupSendReq mentionUserIds.
             * @member {Array.<Long>} mentionUserIds
             * @memberof im.v1.GroupSendReq
             * @instance
             */
            GroupSendReq.prototype.mentionUserIds = $util.emptyArray;

            /**
             * Creates a new GroupSendReq instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupSendReq
             * @static
             * @param {im.v1.IGroupSendReq=} [properties] Properties to set
             * @returns {im.v1.GroupSendReq} GroupSendReq instance
             */
            GroupSendReq.create = function create(properties) {
                return new GroupSendReq(properties);
            };

            /**
             * Encodes the specified GroupSendReq message. Does not implicitly {@link im.v1.GroupSendReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupSendReq
             * @static
             * @param {im.v1.IGroupSendReq} message GroupSendReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupSendReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.clientMsgId != null && Object.hasOwnProperty.call(message, "clientMsgId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.groupId != null && Object.hasOwnProperty.call(message, "groupId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.groupId);
                if (message.content != null && Object.hasOwnProperty.call(message, "content"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.content);
                if (message.format != null && Object.hasOwnProperty.call(message, "format"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.format);
                if (message.mentionUserIds != null && message.mentionUserIds.length) {
                    writer.uint32(/* id 5, wireType 2 =*/42).fork();
                    for (let i = 0; i < message.mentionUserIds.length; ++i)
                        writer.uint64(message.mentionUserIds[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a GroupSendReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupSendReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupSendReq} GroupSendReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupSendReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupSendReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.clientMsgId = reader.string();
                            break;
                        }
                    case 2: {
                            message.groupId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.content = reader.string();
                            break;
                        }
                    case 4: {
                            message.format = reader.int32();
                            break;
                        }
                    case 5: {
                            if (!(message.mentionUserIds && message.mentionUserIds.length))
                                message.mentionUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.mentionUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.mentionUserIds.push(reader.uint64());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupSendReq
             * @function getTypeUrl
             * @memberof im.v1.GroupSendReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupSendReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupSendReq";
            };

            return GroupSendReq;
        })();

        v1.GroupSendAck = (function() {

            /**
             * Properties of a GroupSendAck.
             * @memberof im.v1
             * @interface IGroupSendAck
             * @property {string|null} [clientMsgId] GroupSendAck clientMsgId
             * @property {Long|null} [msgId] GroupSendAck msgId
             * @property {Long|null} [serverTimeMs] GroupSendAck serverTimeMs
             * @property {string|null} [convId] GroupSendAck convId
             * @property {Long|null} [seq] GroupSendAck seq
             */

            /**
             * Constructs a new GroupSendAck.
             * @memberof im.v1
             * @classdesc Represents a GroupSendAck.
             * @implements IGroupSendAck
             * @constructor
             * @param {im.v1.IGroupSendAck=} [properties] Properties to set
             */
            function GroupSendAck(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupSendAck clientMsgId.
             * @member {string} clientMsgId
             * @memberof im.v1.GroupSendAck
             * @instance
             */
            GroupSendAck.prototype.clientMsgId = "";

            /**
             * GroupSendAck msgId.
             * @member {Long} msgId
             * @memberof im.v1.GroupSendAck
             * @instance
             */
            GroupSendAck.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupSendAck serverTimeMs.
             * @member {Long} serverTimeMs
             * @memberof im.v1.GroupSendAck
             * @instance
             */
            GroupSendAck.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * GroupSendAck convId.
             * @member {string} convId
             * @memberof im.v1.GroupSendAck
             * @instance
             */
            GroupSendAck.prototype.convId = "";

            /**
             * GroupSendAck seq.
             * @member {Long} seq
             * @memberof im.v1.GroupSendAck
             * @instance
             */
            GroupSendAck.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new GroupSendAck instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupSendAck
             * @static
             * @param {im.v1.IGroupSendAck=} [properties] Properties to set
             * @returns {im.v1.GroupSendAck} GroupSendAck instance
             */
            GroupSendAck.create = function create(properties) {
                return new GroupSendAck(properties);
            };

            /**
             * Encodes the specified GroupSendAck message. Does not implicitly {@link im.v1.GroupSendAck.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupSendAck
             * @static
             * @param {im.v1.IGroupSendAck} message GroupSendAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupSendAck.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.clientMsgId != null && Object.hasOwnProperty.call(message, "clientMsgId"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.msgId);
                if (message.serverTimeMs != null && Object.hasOwnProperty.call(message, "serverTimeMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.serverTimeMs);
                if (message.convId != null && Object.hasOwnProperty.call(message, "convId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.convId);
                if (message.seq != null && Object.hasOwnProperty.call(message, "seq"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.seq);
                return writer;
            };

            /**
             * Decodes a GroupSendAck message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupSendAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupSendAck} GroupSendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupSendAck.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupSendAck();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.clientMsgId = reader.string();
                            break;
                        }
                    case 2: {
                            message.msgId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.serverTimeMs = reader.int64();
                            break;
                        }
                    case 4: {
                            message.convId = reader.string();
                            break;
                        }
                    case 5: {
                            message.seq = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupSendAck
             * @function getTypeUrl
             * @memberof im.v1.GroupSendAck
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupSendAck.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupSendAck";
            };

            return GroupSendAck;
        })();

        v1.GroupPush = (function() {

            /**
             * Properties of a GroupPush.
             * @memberof im.v1
             * @interface IGroupPush
             * @property {im.v1.IChatMessage|null} [message] GroupPush message
             */

            /**
             * Constructs a new GroupPush.
             * @memberof im.v1
             * @classdesc Represents a GroupPush.
             * @implements IGroupPush
             * @constructor
             * @param {im.v1.IGroupPush=} [properties] Properties to set
             */
            function GroupPush(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupPush message.
             * @member {im.v1.IChatMessage|null|undefined} message
             * @memberof im.v1.GroupPush
             * @instance
             */
            GroupPush.prototype.message = null;

            /**
             * Creates a new GroupPush instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupPush
             * @static
             * @param {im.v1.IGroupPush=} [properties] Properties to set
             * @returns {im.v1.GroupPush} GroupPush instance
             */
            GroupPush.create = function create(properties) {
                return new GroupPush(properties);
            };

            /**
             * Encodes the specified GroupPush message. Does not implicitly {@link im.v1.GroupPush.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupPush
             * @static
             * @param {im.v1.IGroupPush} message GroupPush message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupPush.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    $root.im.v1.ChatMessage.encode(message.message, writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a GroupPush message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupPush
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupPush} GroupPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupPush.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupPush();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.message = $root.im.v1.ChatMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupPush
             * @function getTypeUrl
             * @memberof im.v1.GroupPush
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupPush.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupPush";
            };

            return GroupPush;
        })();

        v1.GroupCreateReq = (function() {

            /**
             * Properties of a GroupCreateReq.
             * @memberof im.v1
             * @interface IGroupCreateReq
             * @property {string|null} [name] GroupCreateReq name
             * @property {Array.<Long>|null} [memberUserIds] GroupCreateReq memberUserIds
             * @property {string|null} [clientReqId] GroupCreateReq clientReqId
             */

            /**
             * Constructs a new GroupCreateReq.
             * @memberof im.v1
             * @classdesc Represents a GroupCreateReq.
             * @implements IGroupCreateReq
             * @constructor
             * @param {im.v1.IGroupCreateReq=} [properties] Properties to set
             */
            function GroupCreateReq(properties) {
                this.memberUserIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupCreateReq name.
             * @member {string} name
             * @memberof im.v1.GroupCreateReq
             * @instance
             */
            GroupCreateReq.prototype.name = "";

            /**
             * GroupCreateReq memberUserIds.
             * @member {Array.<Long>} memberUserIds
             * @memberof im.v1.GroupCreateReq
             * @instance
             */
            GroupCreateReq.prototype.memberUserIds = $util.emptyArray;

            /**
             * GroupCreateReq clientReqId.
             * @member {string} clientReqId
             * @memberof im.v1.GroupCreateReq
             * @instance
             */
            GroupCreateReq.prototype.clientReqId = "";

            /**
             * Creates a new GroupCreateReq instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupCreateReq
             * @static
             * @param {im.v1.IGroupCreateReq=} [properties] Properties to set
             * @returns {im.v1.GroupCreateReq} GroupCreateReq instance
             */
            GroupCreateReq.create = function create(properties) {
                return new GroupCreateReq(properties);
            };

            /**
             * Encodes the specified GroupCreateReq message. Does not implicitly {@link im.v1.GroupCreateReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupCreateReq
             * @static
             * @param {im.v1.IGroupCreateReq} message GroupCreateReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupCreateReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.memberUserIds != null && message.memberUserIds.length) {
                    writer.uint32(/* id 2, wireType 2 =*/18).fork();
                    for (let i = 0; i < message.memberUserIds.length; ++i)
                        writer.uint64(message.memberUserIds[i]);
                    writer.ldelim();
                }
                if (message.clientReqId != null && Object.hasOwnProperty.call(message, "clientReqId"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.clientReqId);
                return writer;
            };

            /**
             * Decodes a GroupCreateReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupCreateReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupCreateReq} GroupCreateReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupCreateReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupCreateReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.memberUserIds && message.memberUserIds.length))
                                message.memberUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.memberUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.memberUserIds.push(reader.uint64());
                            break;
                        }
                    case 3: {
                            message.clientReqId = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupCreateReq
             * @function getTypeUrl
             * @memberof im.v1.GroupCreateReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupCreateReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupCreateReq";
            };

            return GroupCreateReq;
        })();

        v1.GroupCreateResp = (function() {

            /**
             * Properties of a GroupCreateResp.
             * @memberof im.v1
             * @interface IGroupCreateResp
             * @property {im.v1.IGroupInfo|null} [group] GroupCreateResp group
             */

            /**
             * Constructs a new GroupCreateResp.
             * @memberof im.v1
             * @classdesc Represents a GroupCreateResp.
             * @implements IGroupCreateResp
             * @constructor
             * @param {im.v1.IGroupCreateResp=} [properties] Properties to set
             */
            function GroupCreateResp(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupCreateResp group.
             * @member {im.v1.IGroupInfo|null|undefined} group
             * @memberof im.v1.GroupCreateResp
             * @instance
             */
            GroupCreateResp.prototype.group = null;

            /**
             * Creates a new GroupCreateResp instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupCreateResp
             * @static
             * @param {im.v1.IGroupCreateResp=} [properties] Properties to set
             * @returns {im.v1.GroupCreateResp} GroupCreateResp instance
             */
            GroupCreateResp.create = function create(properties) {
                return new GroupCreateResp(properties);
            };

            /**
             * Encodes the specified GroupCreateResp message. Does not implicitly {@link im.v1.GroupCreateResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupCreateResp
             * @static
             * @param {im.v1.IGroupCreateResp} message GroupCreateResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupCreateResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.group != null && Object.hasOwnProperty.call(message, "group"))
                    $root.im.v1.GroupInfo.encode(message.group, writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a GroupCreateResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupCreateResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupCreateResp} GroupCreateResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupCreateResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupCreateResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.group = $root.im.v1.GroupInfo.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupCreateResp
             * @function getTypeUrl
             * @memberof im.v1.GroupCreateResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupCreateResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupCreateResp";
            };

            return GroupCreateResp;
        })();

        v1.GroupMembersReq = (function() {

            /**
             * Properties of a GroupMembersReq.
             * @memberof im.v1
             * @interface IGroupMembersReq
             * @property {Long|null} [groupId] GroupMembersReq groupId
             * @property {Array.<Long>|null} [addUserIds] GroupMembersReq addUserIds
             * @property {Array.<Long>|null} [removeUserIds] GroupMembersReq removeUserIds
             * @property {Array.<Long>|null} [promoteUserIds] GroupMembersReq promoteUserIds
             * @property {Array.<Long>|null} [demoteUserIds] GroupMembersReq demoteUserIds
             */

            /**
             * Constructs a new GroupMembersReq.
             * @memberof im.v1
             * @classdesc Represents a GroupMembersReq.
             * @implements IGroupMembersReq
             * @constructor
             * @param {im.v1.IGroupMembersReq=} [properties] Properties to set
             */
            function GroupMembersReq(properties) {
                this.addUserIds = [];
                this.removeUserIds = [];
                this.promoteUserIds = [];
                this.demoteUserIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupMembersReq groupId.
             * @member {Long} groupId
             * @memberof im.v1.GroupMembersReq
             * @instance
             */
            GroupMembersReq.prototype.groupId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupMembersReq addUserIds.
             * @member {Array.<Long>} addUserIds
             * @memberof im.v1.GroupMembersReq
             * @instance
             */
            GroupMembersReq.prototype.addUserIds = $util.emptyArray;

            /**
             * GroupMembersReq removeUserIds.
             * @member {Array.<Long>} removeUserIds
             * @memberof im.v1.GroupMembersReq
             * @instance
             */
            GroupMembersReq.prototype.removeUserIds = $util.emptyArray;

            /**
             * GroupMembersReq promoteUserIds.
             * @member {Array.<Long>} promoteUserIds
             * @memberof im.v1.GroupMembersReq
             * @instance
             */
            GroupMembersReq.prototype.promoteUserIds = $util.emptyArray;

            /**
             * GroupMembersReq demoteUserIds.
             * @member {Array.<Long>} demoteUserIds
             * @memberof im.v1.GroupMembersReq
             * @instance
             */
            GroupMembersReq.prototype.demoteUserIds = $util.emptyArray;

            /**
             * Creates a new GroupMembersReq instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupMembersReq
             * @static
             * @param {im.v1.IGroupMembersReq=} [properties] Properties to set
             * @returns {im.v1.GroupMembersReq} GroupMembersReq instance
             */
            GroupMembersReq.create = function create(properties) {
                return new GroupMembersReq(properties);
            };

            /**
             * Encodes the specified GroupMembersReq message. Does not implicitly {@link im.v1.GroupMembersReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupMembersReq
             * @static
             * @param {im.v1.IGroupMembersReq} message GroupMembersReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupMembersReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.groupId != null && Object.hasOwnProperty.call(message, "groupId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.groupId);
                if (message.addUserIds != null && message.addUserIds.length) {
                    writer.uint32(/* id 2, wireType 2 =*/18).fork();
                    for (let i = 0; i < message.addUserIds.length; ++i)
                        writer.uint64(message.addUserIds[i]);
                    writer.ldelim();
                }
                if (message.removeUserIds != null && message.removeUserIds.length) {
                    writer.uint32(/* id 3, wireType 2 =*/26).fork();
                    for (let i = 0; i < message.removeUserIds.length; ++i)
                        writer.uint64(message.removeUserIds[i]);
                    writer.ldelim();
                }
                if (message.promoteUserIds != null && message.promoteUserIds.length) {
                    writer.uint32(/* id 4, wireType 2 =*/34).fork();
                    for (let i = 0; i < message.promoteUserIds.length; ++i)
                        writer.uint64(message.promoteUserIds[i]);
                    writer.ldelim();
                }
                if (message.demoteUserIds != null && message.demoteUserIds.length) {
                    writer.uint32(/* id 5, wireType 2 =*/42).fork();
                    for (let i = 0; i < message.demoteUserIds.length; ++i)
                        writer.uint64(message.demoteUserIds[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a GroupMembersReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupMembersReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupMembersReq} GroupMembersReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupMembersReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupMembersReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.groupId = reader.uint64();
                            break;
                        }
                    case 2: {
                            if (!(message.addUserIds && message.addUserIds.length))
                                message.addUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.addUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.addUserIds.push(reader.uint64());
                            break;
                        }
                    case 3: {
                            if (!(message.removeUserIds && message.removeUserIds.length))
                                message.removeUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.removeUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.removeUserIds.push(reader.uint64());
                            break;
                        }
                    case 4: {
                            if (!(message.promoteUserIds && message.promoteUserIds.length))
                                message.promoteUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.promoteUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.promoteUserIds.push(reader.uint64());
                            break;
                        }
                    case 5: {
                            if (!(message.demoteUserIds && message.demoteUserIds.length))
                                message.demoteUserIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.demoteUserIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.demoteUserIds.push(reader.uint64());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupMembersReq
             * @function getTypeUrl
             * @memberof im.v1.GroupMembersReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupMembersReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupMembersReq";
            };

            return GroupMembersReq;
        })();

        v1.GroupMembersResp = (function() {

            /**
             * Properties of a GroupMembersResp.
             * @memberof im.v1
             * @interface IGroupMembersResp
             * @property {im.v1.IGroupInfo|null} [group] GroupMembersResp group
             */

            /**
             * Constructs a new GroupMembersResp.
             * @memberof im.v1
             * @classdesc Represents a GroupMembersResp.
             * @implements IGroupMembersResp
             * @constructor
             * @param {im.v1.IGroupMembersResp=} [properties] Properties to set
             */
            function GroupMembersResp(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupMembersResp group.
             * @member {im.v1.IGroupInfo|null|undefined} group
             * @memberof im.v1.GroupMembersResp
             * @instance
             */
            GroupMembersResp.prototype.group = null;

            /**
             * Creates a new GroupMembersResp instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupMembersResp
             * @static
             * @param {im.v1.IGroupMembersResp=} [properties] Properties to set
             * @returns {im.v1.GroupMembersResp} GroupMembersResp instance
             */
            GroupMembersResp.create = function create(properties) {
                return new GroupMembersResp(properties);
            };

            /**
             * Encodes the specified GroupMembersResp message. Does not implicitly {@link im.v1.GroupMembersResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupMembersResp
             * @static
             * @param {im.v1.IGroupMembersResp} message GroupMembersResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupMembersResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.group != null && Object.hasOwnProperty.call(message, "group"))
                    $root.im.v1.GroupInfo.encode(message.group, writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a GroupMembersResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupMembersResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupMembersResp} GroupMembersResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupMembersResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupMembersResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.group = $root.im.v1.GroupInfo.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupMembersResp
             * @function getTypeUrl
             * @memberof im.v1.GroupMembersResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupMembersResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupMembersResp";
            };

            return GroupMembersResp;
        })();

        v1.GroupInfoReq = (function() {

            /**
             * Properties of a GroupInfoReq.
             * @memberof im.v1
             * @interface IGroupInfoReq
             * @property {Long|null} [groupId] GroupInfoReq groupId
             * @property {Long|null} [afterUserId] GroupInfoReq afterUserId
             * @property {number|null} [limit] GroupInfoReq limit
             */

            /**
             * Constructs a new GroupInfoReq.
             * @memberof im.v1
             * @classdesc Represents a GroupInfoReq.
             * @implements IGroupInfoReq
             * @constructor
             * @param {im.v1.IGroupInfoReq=} [properties] Properties to set
             */
            function GroupInfoReq(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupInfoReq groupId.
             * @member {Long} groupId
             * @memberof im.v1.GroupInfoReq
             * @instance
             */
            GroupInfoReq.prototype.groupId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupInfoReq afterUserId.
             * @member {Long} afterUserId
             * @memberof im.v1.GroupInfoReq
             * @instance
             */
            GroupInfoReq.prototype.afterUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupInfoReq limit.
             * @member {number} limit
             * @memberof im.v1.GroupInfoReq
             * @instance
             */
            GroupInfoReq.prototype.limit = 0;

            /**
             * Creates a new GroupInfoReq instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupInfoReq
             * @static
             * @param {im.v1.IGroupInfoReq=} [properties] Properties to set
             * @returns {im.v1.GroupInfoReq} GroupInfoReq instance
             */
            GroupInfoReq.create = function create(properties) {
                return new GroupInfoReq(properties);
            };

            /**
             * Encodes the specified GroupInfoReq message. Does not implicitly {@link im.v1.GroupInfoReq.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupInfoReq
             * @static
             * @param {im.v1.IGroupInfoReq} message GroupInfoReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupInfoReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.groupId != null && Object.hasOwnProperty.call(message, "groupId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.groupId);
                if (message.afterUserId != null && Object.hasOwnProperty.call(message, "afterUserId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.afterUserId);
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.limit);
                return writer;
            };

            /**
             * Decodes a GroupInfoReq message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupInfoReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupInfoReq} GroupInfoReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupInfoReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupInfoReq();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.groupId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.afterUserId = reader.uint64();
                            break;
                        }
                    case 3: {
                            message.limit = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupInfoReq
             * @function getTypeUrl
             * @memberof im.v1.GroupInfoReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupInfoReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupInfoReq";
            };

            return GroupInfoReq;
        })();

        v1.GroupInfoResp = (function() {

            /**
             * Properties of a GroupInfoResp.
             * @memberof im.v1
             * @interface IGroupInfoResp
             * @property {im.v1.IGroupInfo|null} [group] GroupInfoResp group
             * @property {Array.<im.v1.IGroupMember>|null} [members] GroupInfoResp members
             * @property {boolean|null} [hasMore] GroupInfoResp hasMore
             */

            /**
             * Constructs a new GroupInfoResp.
             * @memberof im.v1
             * @classdesc Represents a GroupInfoResp.
             * @implements IGroupInfoResp
             * @constructor
             * @param {im.v1.IGroupInfoResp=} [properties] Properties to set
             */
            function GroupInfoResp(properties) {
                this.members = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupInfoResp group.
             * @member {im.v1.IGroupInfo|null|undefined} group
             * @memberof im.v1.GroupInfoResp
             * @instance
             */
            GroupInfoResp.prototype.group = null;

            /**
             * GroupInfoResp members.
             * @member {Array.<im.v1.IGroupMember>} members
             * @memberof im.v1.GroupInfoResp
             * @instance
             */
            GroupInfoResp.prototype.members = $util.emptyArray;

            /**
             * GroupInfoResp hasMore.
             * @member {boolean} hasMore
             * @memberof im.v1.GroupInfoResp
             * @instance
             */
            GroupInfoResp.prototype.hasMore = false;

            /**
             * Creates a new GroupInfoResp instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupInfoResp
             * @static
             * @param {im.v1.IGroupInfoResp=} [properties] Properties to set
             * @returns {im.v1.GroupInfoResp} GroupInfoResp instance
             */
            GroupInfoResp.create = function create(properties) {
                return new GroupInfoResp(properties);
            };

            /**
             * Encodes the specified GroupInfoResp message. Does not implicitly {@link im.v1.GroupInfoResp.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupInfoResp
             * @static
             * @param {im.v1.IGroupInfoResp} message GroupInfoResp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupInfoResp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.group != null && Object.hasOwnProperty.call(message, "group"))
                    $root.im.v1.GroupInfo.encode(message.group, writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (message.members != null && message.members.length)
                    for (let i = 0; i < message.members.length; ++i)
                        $root.im.v1.GroupMember.encode(message.members[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (message.hasMore != null && Object.hasOwnProperty.call(message, "hasMore"))
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.hasMore);
                return writer;
            };

            /**
             * Decodes a GroupInfoResp message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupInfoResp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupInfoResp} GroupInfoResp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupInfoResp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupInfoResp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.group = $root.im.v1.GroupInfo.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 2: {
                            if (!(message.members && message.members.length))
                                message.members = [];
                            message.members.push($root.im.v1.GroupMember.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 3: {
                            message.hasMore = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupInfoResp
             * @function getTypeUrl
             * @memberof im.v1.GroupInfoResp
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupInfoResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupInfoResp";
            };

            return GroupInfoResp;
        })();

        v1.GroupInfo = (function() {

            /**
             * Properties of a GroupInfo.
             * @memberof im.v1
             * @interface IGroupInfo
             * @property {Long|null} [groupId] GroupInfo groupId
             * @property {string|null} [name] GroupInfo name
             * @property {Long|null} [ownerUserId] GroupInfo ownerUserId
             * @property {number|null} [memberCount] GroupInfo memberCount
             * @property {Long|null} [createTimeMs] GroupInfo createTimeMs
             */

            /**
             * Constructs a new GroupInfo.
             * @memberof im.v1
             * @classdesc Represents a GroupInfo.
             * @implements IGroupInfo
             * @constructor
             * @param {im.v1.IGroupInfo=} [properties] Properties to set
             */
            function GroupInfo(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupInfo groupId.
             * @member {Long} groupId
             * @memberof im.v1.GroupInfo
             * @instance
             */
            GroupInfo.prototype.groupId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupInfo name.
             * @member {string} name
             * @memberof im.v1.GroupInfo
             * @instance
             */
            GroupInfo.prototype.name = "";

            /**
             * GroupInfo ownerUserId.
             * @member {Long} ownerUserId
             * @memberof im.v1.GroupInfo
             * @instance
             */
            GroupInfo.prototype.ownerUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupInfo memberCount.
             * @member {number} memberCount
             * @memberof im.v1.GroupInfo
             * @instance
             */
            GroupInfo.prototype.memberCount = 0;

            /**
             * GroupInfo createTimeMs.
             * @member {Long} createTimeMs
             * @memberof im.v1.GroupInfo
             * @instance
             */
            GroupInfo.prototype.createTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new GroupInfo instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupInfo
             * @static
             * @param {im.v1.IGroupInfo=} [properties] Properties to set
             * @returns {im.v1.GroupInfo} GroupInfo instance
             */
            GroupInfo.create = function create(properties) {
                return new GroupInfo(properties);
            };

            /**
             * Encodes the specified GroupInfo message. Does not implicitly {@link im.v1.GroupInfo.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupInfo
             * @static
             * @param {im.v1.IGroupInfo} message GroupInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupInfo.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.groupId != null && Object.hasOwnProperty.call(message, "groupId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.groupId);
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.ownerUserId != null && Object.hasOwnProperty.call(message, "ownerUserId"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.ownerUserId);
                if (message.memberCount != null && Object.hasOwnProperty.call(message, "memberCount"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.memberCount);
                if (message.createTimeMs != null && Object.hasOwnProperty.call(message, "createTimeMs"))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.createTimeMs);
                return writer;
            };

            /**
             * Decodes a GroupInfo message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupInfo} GroupInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupInfo.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupInfo();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.groupId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.name = reader.string();
                            break;
                        }
                    case 3: {
                            message.ownerUserId = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.memberCount = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.createTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupInfo
             * @function getTypeUrl
             * @memberof im.v1.GroupInfo
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupInfo.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupInfo";
            };

            return GroupInfo;
        })();

        v1.GroupMember = (function() {

            /**
             * Properties of a GroupMember.
             * @memberof im.v1
             * @interface IGroupMember
             * @property {Long|null} [userId] GroupMember userId
             * @property {im.v1.GroupRole|null} [role] GroupMember role
             * @property {Long|null} [joinTimeMs] GroupMember joinTimeMs
             */

            /**
             * Constructs a new GroupMember.
             * @memberof im.v1
             * @classdesc Represents a GroupMember.
             * @implements IGroupMember
             * @constructor
             * @param {im.v1.IGroupMember=} [properties] Properties to set
             */
            function GroupMember(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupMember userId.
             * @member {Long} userId
             * @memberof im.v1.GroupMember
             * @instance
             */
            GroupMember.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupMember role.
             * @member {im.v1.GroupRole} role
             * @memberof im.v1.GroupMember
             * @instance
             */
            GroupMember.prototype.role = 0;

            /**
             * GroupMember joinTimeMs.
             * @member {Long} joinTimeMs
             * @memberof im.v1.GroupMember
             * @instance
             */
            GroupMember.prototype.joinTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new GroupMember instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupMember
             * @static
             * @param {im.v1.IGroupMember=} [properties] Properties to set
             * @returns {im.v1.GroupMember} GroupMember instance
             */
            GroupMember.create = function create(properties) {
                return new GroupMember(properties);
            };

            /**
             * Encodes the specified GroupMember message. Does not implicitly {@link im.v1.GroupMember.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupMember
             * @static
             * @param {im.v1.IGroupMember} message GroupMember message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupMember.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.userId != null && Object.hasOwnProperty.call(message, "userId"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.userId);
                if (message.role != null && Object.hasOwnProperty.call(message, "role"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.role);
                if (message.joinTimeMs != null && Object.hasOwnProperty.call(message, "joinTimeMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.joinTimeMs);
                return writer;
            };

            /**
             * Decodes a GroupMember message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupMember
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupMember} GroupMember
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupMember.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupMember();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.userId = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.role = reader.int32();
                            break;
                        }
                    case 3: {
                            message.joinTimeMs = reader.int64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupMember
             * @function getTypeUrl
             * @memberof im.v1.GroupMember
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupMember.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupMember";
            };

            return GroupMember;
        })();

        /**
         * GroupRole enum.
         * @name im.v1.GroupRole
         * @enum {number}
         * @property {number} GROUP_ROLE_UNSPECIFIED=0 GROUP_ROLE_UNSPECIFIED value
         * @property {number} GROUP_ROLE_MEMBER=1 GROUP_ROLE_MEMBER value
         * @property {number} GROUP_ROLE_ADMIN=2 GROUP_ROLE_ADMIN value
         * @property {number} GROUP_ROLE_OWNER=3 GROUP_ROLE_OWNER value
         */
        v1.GroupRole = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "GROUP_ROLE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "GROUP_ROLE_MEMBER"] = 1;
            values[valuesById[2] = "GROUP_ROLE_ADMIN"] = 2;
            values[valuesById[3] = "GROUP_ROLE_OWNER"] = 3;
            return values;
        })();

        v1.GroupEvent = (function() {

            /**
             * Properties of a GroupEvent.
             * @memberof im.v1
             * @interface IGroupEvent
             * @property {im.v1.GroupEventKind|null} [kind] GroupEvent kind
             * @property {Long|null} [actorUserId] GroupEvent actorUserId
             * @property {Array.<Long>|null} [userIds] GroupEvent userIds
             * @property {string|null} [name] GroupEvent name
             */

            /**
             * Constructs a new GroupEvent.
             * @memberof im.v1
             * @classdesc Represents a GroupEvent.
             * @implements IGroupEvent
             * @constructor
             * @param {im.v1.IGroupEvent=} [properties] Properties to set
             */
            function GroupEvent(properties) {
                this.userIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * GroupEvent kind.
             * @member {im.v1.GroupEventKind} kind
             * @memberof im.v1.GroupEvent
             * @instance
             */
            GroupEvent.prototype.kind = 0;

            /**
             * GroupEvent actorUserId.
             * @member {Long} actorUserId
             * @memberof im.v1.GroupEvent
             * @instance
             */
            GroupEvent.prototype.actorUserId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * GroupEvent userIds.
             * @member {Array.<Long>} userIds
             * @memberof im.v1.GroupEvent
             * @instance
             */
            GroupEvent.prototype.userIds = $util.emptyArray;

            /**
             * GroupEvent name.
             * @member {string} name
             * @memberof im.v1.GroupEvent
             * @instance
             */
            GroupEvent.prototype.name = "";

            /**
             * Creates a new GroupEvent instance using the specified properties.
             * @function create
             * @memberof im.v1.GroupEvent
             * @static
             * @param {im.v1.IGroupEvent=} [properties] Properties to set
             * @returns {im.v1.GroupEvent} GroupEvent instance
             */
            GroupEvent.create = function create(properties) {
                return new GroupEvent(properties);
            };

            /**
             * Encodes the specified GroupEvent message. Does not implicitly {@link im.v1.GroupEvent.verify|verify} messages.
             * @function encode
             * @memberof im.v1.GroupEvent
             * @static
             * @param {im.v1.IGroupEvent} message GroupEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupEvent.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.kind != null && Object.hasOwnProperty.call(message, "kind"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
                if (message.actorUserId != null && Object.hasOwnProperty.call(message, "actorUserId"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.actorUserId);
                if (message.userIds != null && message.userIds.length) {
                    writer.uint32(/* id 3, wireType 2 =*/26).fork();
                    for (let i = 0; i < message.userIds.length; ++i)
                        writer.uint64(message.userIds[i]);
                    writer.ldelim();
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.name);
                return writer;
            };

            /**
             * Decodes a GroupEvent message from the specified reader or buffer.
             * @function decode
             * @memberof im.v1.GroupEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {im.v1.GroupEvent} GroupEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupEvent.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.im.v1.GroupEvent();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.kind = reader.int32();
                            break;
                        }
                    case 2: {
                            message.actorUserId = reader.uint64();
                            break;
                        }
                    case 3: {
                            if (!(message.userIds && message.userIds.length))
                                message.userIds = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.userIds.push(reader.uint64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.userIds.push(reader.uint64());
                            break;
                        }
                    case 4: {
                            message.name = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for GroupEvent
             * @function getTypeUrl
             * @memberof im.v1.GroupEvent
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            GroupEvent.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/im.v1.GroupEvent";
            };

            return GroupEvent;
        })();

        /**
         * GroupEventKind enum.
         * @name im.v1.GroupEventKind
         * @enum {number}
         * @property {number} GROUP_EVENT_KIND_UNSPECIFIED=0 GROUP_EVENT_KIND_UNSPECIFIED value
         * @property {number} CREATED=1 CREATED value
         * @property {number} MEMBERS_ADDED=2 MEMBERS_ADDED value
         * @property {number} MEMBERS_REMOVED=3 MEMBERS_REMOVED value
         * @property {number} MEMBER_LEFT=4 MEMBER_LEFT value
         * @property {number} ROLES_CHANGED=5 ROLES_CHANGED value
         * @property {number} RENAMED=6 RENAMED value
         */
        v1.GroupEventKind = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "GROUP_EVENT_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CREATED"] = 1;
            values[valuesById[2] = "MEMBERS_ADDED"] = 2;
            values[valuesById[3] = "MEMBERS_REMOVED"] = 3;
            values[valuesById[4] = "MEMBER_LEFT"] = 4;
            values[valuesById[5] = "ROLES_CHANGED"] = 5;
            values[valuesById[6] = "RENAMED"] = 6;
            return values;
        })();

        /**
         * MsgFormat enum.
         * @name im.v1.MsgFormat
         * @enum {number}
         * @property {number} MSG_FORMAT_UNSPECIFIED=0 MSG_FORMAT_UNSPECIFIED value
         * @property {number} TEXT=1 TEXT value
         * @property {number} IMAGE=2 IMAGE value
         * @property {number} FILE=3 FILE value
         * @property {number} VOICE=4 VOICE value
         * @property {number} CUSTOM=5 CUSTOM value
         * @property {number} RECALL=16 RECALL value
         * @property {number} GROUP_EVENT=17 GROUP_EVENT value
         */
        v1.MsgFormat = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "MSG_FORMAT_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TEXT"] = 1;
            values[valuesById[2] = "IMAGE"] = 2;
            values[valuesById[3] = "FILE"] = 3;
            values[valuesById[4] = "VOICE"] = 4;
            values[valuesById[5] = "CUSTOM"] = 5;
            values[valuesById[16] = "RECALL"] = 16;
            values[valuesById[17] = "GROUP_EVENT"] = 17;
            return values;
        })();

        /**
         * ErrorCode enum.
         * @name im.v1.ErrorCode
         * @enum {number}
         * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
         * @property {number} UNAUTHENTICATED=1 UNAUTHENTICATED value
         * @property {number} BAD_REQUEST=2 BAD_REQUEST value
         * @property {number} UNSUPPORTED_VERSION=3 UNSUPPORTED_VERSION value
         * @property {number} UNKNOWN_CMD=4 UNKNOWN_CMD value
         * @property {number} RATE_LIMITED=5 RATE_LIMITED value
         * @property {number} TOO_LARGE=6 TOO_LARGE value
         * @property {number} NOT_FOUND=7 NOT_FOUND value
         * @property {number} FORBIDDEN=8 FORBIDDEN value
         * @property {number} RECALL_WINDOW_EXPIRED=9 RECALL_WINDOW_EXPIRED value
         * @property {number} INTERNAL=10 INTERNAL value
         * @property {number} UNAVAILABLE=11 UNAVAILABLE value
         * @property {number} LIMIT_EXCEEDED=12 LIMIT_EXCEEDED value
         */
        v1.ErrorCode = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "UNAUTHENTICATED"] = 1;
            values[valuesById[2] = "BAD_REQUEST"] = 2;
            values[valuesById[3] = "UNSUPPORTED_VERSION"] = 3;
            values[valuesById[4] = "UNKNOWN_CMD"] = 4;
            values[valuesById[5] = "RATE_LIMITED"] = 5;
            values[valuesById[6] = "TOO_LARGE"] = 6;
            values[valuesById[7] = "NOT_FOUND"] = 7;
            values[valuesById[8] = "FORBIDDEN"] = 8;
            values[valuesById[9] = "RECALL_WINDOW_EXPIRED"] = 9;
            values[valuesById[10] = "INTERNAL"] = 10;
            values[valuesById[11] = "UNAVAILABLE"] = 11;
            values[valuesById[12] = "LIMIT_EXCEEDED"] = 12;
            return values;
        })();

        /**
         * KickReason enum.
         * @name im.v1.KickReason
         * @enum {number}
         * @property {number} KICK_REASON_UNSPECIFIED=0 KICK_REASON_UNSPECIFIED value
         * @property {number} DUPLICATE_LOGIN=1 DUPLICATE_LOGIN value
         * @property {number} HEARTBEAT_TIMEOUT=2 HEARTBEAT_TIMEOUT value
         * @property {number} AUTH_EXPIRED=3 AUTH_EXPIRED value
         * @property {number} SERVER_SHUTDOWN=4 SERVER_SHUTDOWN value
         * @property {number} ABUSE=5 ABUSE value
         * @property {number} ADMIN=6 ADMIN value
         * @property {number} SLOW_CONSUMER=7 SLOW_CONSUMER value
         */
        v1.KickReason = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "KICK_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DUPLICATE_LOGIN"] = 1;
            values[valuesById[2] = "HEARTBEAT_TIMEOUT"] = 2;
            values[valuesById[3] = "AUTH_EXPIRED"] = 3;
            values[valuesById[4] = "SERVER_SHUTDOWN"] = 4;
            values[valuesById[5] = "ABUSE"] = 5;
            values[valuesById[6] = "ADMIN"] = 6;
            values[valuesById[7] = "SLOW_CONSUMER"] = 7;
            return values;
        })();

        return v1;
    })();

    return im;
})();

export { $root as default };
