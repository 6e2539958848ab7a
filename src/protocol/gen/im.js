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
         */
        v1.MsgFormat = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "MSG_FORMAT_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TEXT"] = 1;
            values[valuesById[2] = "IMAGE"] = 2;
            values[valuesById[3] = "FILE"] = 3;
            values[valuesById[4] = "VOICE"] = 4;
            values[valuesById[5] = "CUSTOM"] = 5;
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
