// pbjs wrapper for Node ESM: protobufjs/minimal is CommonJS, so take its default export.
import $protobufModule from "protobufjs/minimal.js";
const $protobuf = $protobufModule;

$OUTPUT;

export { $root as default };
