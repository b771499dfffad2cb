/**
 * One message for many sockets (a room's broadcast), framed once.
 *
 * `ws`'s `send` builds a frame header, an options object and a corked two-buffer write for
 * every socket. For a broadcast to 50 people that loop measured 625 µs at p50 in the fan-out
 * bench — about 12.5 µs a socket, on every keystroke, before the last receiver is sent the
 * edit. A `SharedMessage` is framed as one complete server-to-client websocket frame the first
 * time a socket can take it, and that one buffer is written to every socket (see
 * `ws-socket.ts` for when a socket can).
 */
export class SharedMessage {
  private frame: Buffer | undefined;

  constructor(readonly payload: Uint8Array) {}

  /**
   * The payload as one unmasked, final, binary frame (RFC 6455 §5.2): `0x82`, then the length
   * in 7 bits, or 126 and 16 bits, or 127 and 64 bits, then the payload.
   */
  framed(): Buffer {
    if (this.frame) return this.frame;
    const length = this.payload.byteLength;
    const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(header + length);
    frame[0] = 0x82;
    if (header === 2) frame[1] = length;
    else if (header === 4) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    frame.set(this.payload, header);
    this.frame = frame;
    return frame;
  }
}

/** The bytes of a message, shared or not. */
export function payloadOf(message: Uint8Array | SharedMessage): Uint8Array {
  return message instanceof SharedMessage ? message.payload : message;
}
