// setImmediate and clearImmediate for the browser bundle, which injects them wherever the SDK uses
// the Node globals (AckBatcher: one C2C_ACK per turn). A zero timeout also runs after the current
// task, so messages that arrive in separate tasks still share one ack when they come close together.

export function setImmediate(fn: () => void): ReturnType<typeof setTimeout> {
  return setTimeout(fn, 0);
}

export function clearImmediate(handle: ReturnType<typeof setTimeout>): void {
  clearTimeout(handle);
}
