import { Reader, splitSignature, Writer, type DbusValue } from './dbus-wire.js';

/** D-Bus messages on the wire (little-endian): headers, their fields, and framing. */
export const MESSAGE = { call: 1, reply: 2, error: 3, signal: 4 } as const;
const FIELD = { path: 1, interface: 2, member: 3, errorName: 4, replySerial: 5, destination: 6, sender: 7, signature: 8 } as const;

export interface DbusMessage {
  readonly type: number;
  readonly serial: number;
  readonly path: string | null;
  readonly interface: string | null;
  readonly member: string | null;
  readonly errorName: string | null;
  readonly replySerial: number | null;
  readonly sender: string | null;
  readonly destination: string | null;
  readonly body: DbusValue[];
}

export interface OutgoingMessage {
  readonly type?: (typeof MESSAGE)[keyof typeof MESSAGE];
  readonly destination?: string;
  readonly path?: string;
  readonly interface?: string;
  readonly member?: string;
  readonly errorName?: string;
  readonly replySerial?: number;
  readonly signature?: string;
  readonly body?: DbusValue[];
}

/** Any message: a method call (the default), a reply, an error or a signal. */
export function encodeMessage(serial: number, message: OutgoingMessage): Buffer {
  const body = new Writer();
  const types = message.signature ? splitSignature(message.signature) : [];
  (message.body ?? []).forEach((value, index) => body.value(types[index] ?? 's', value));
  const fields: DbusValue[] = [];
  if (message.path !== undefined) fields.push([FIELD.path, { signature: 'o', value: message.path }]);
  if (message.interface !== undefined) fields.push([FIELD.interface, { signature: 's', value: message.interface }]);
  if (message.member !== undefined) fields.push([FIELD.member, { signature: 's', value: message.member }]);
  if (message.errorName !== undefined) fields.push([FIELD.errorName, { signature: 's', value: message.errorName }]);
  if (message.replySerial !== undefined) fields.push([FIELD.replySerial, { signature: 'u', value: message.replySerial }]);
  if (message.destination !== undefined) fields.push([FIELD.destination, { signature: 's', value: message.destination }]);
  if (message.signature) fields.push([FIELD.signature, { signature: 'g', value: message.signature }]);
  const head = new Writer();
  head.byte('l'.charCodeAt(0));
  head.byte(message.type ?? MESSAGE.call);
  head.byte(0);
  head.byte(1);
  head.uint32(body.length);
  head.uint32(serial);
  head.value('a(yv)', fields);
  head.align(8);
  return Buffer.concat([head.toBuffer(), body.toBuffer()]);
}

export function encodeCall(
  serial: number,
  call: { destination: string; path: string; interface: string; member: string; signature?: string; body?: DbusValue[] },
): Buffer {
  return encodeMessage(serial, { type: MESSAGE.call, ...call });
}

/** The length of the first complete message in buf, or null when more bytes are needed. */
export function messageLength(buf: Buffer): number | null {
  if (buf.length < 16) return null;
  if (buf[0] !== 'l'.charCodeAt(0)) throw new Error('only little-endian D-Bus messages are supported');
  const bodyLength = buf.readUInt32LE(4);
  const fieldsLength = buf.readUInt32LE(12);
  const headerEnd = Math.ceil((16 + fieldsLength) / 8) * 8;
  const total = headerEnd + bodyLength;
  return buf.length >= total ? total : null;
}

export function decodeMessage(buf: Buffer): DbusMessage {
  const reader = new Reader(buf, 12);
  const fields = reader.value('a(yv)') as [number, { signature: string; value: DbusValue }][];
  reader.align(8);
  const field = (code: number): DbusValue | null => fields.find(([c]) => c === code)?.[1].value ?? null;
  const signature = (field(FIELD.signature) as string | null) ?? '';
  const body = splitSignature(signature).map((type) => reader.value(type));
  return {
    type: buf[1] ?? 0,
    serial: buf.readUInt32LE(8),
    path: field(FIELD.path) as string | null,
    interface: field(FIELD.interface) as string | null,
    member: field(FIELD.member) as string | null,
    errorName: field(FIELD.errorName) as string | null,
    replySerial: field(FIELD.replySerial) as number | null,
    sender: field(FIELD.sender) as string | null,
    destination: field(FIELD.destination) as string | null,
    body,
  };
}
