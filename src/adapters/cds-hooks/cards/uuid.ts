import { sha1, utf8Bytes } from './sha1.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The namespace of the ids this library derives for cards and suggestions; a fixed random UUID,
 * so that no other name-based UUID scheme can produce the same ids.
 */
export const CARD_UUID_NAMESPACE = '3f1d2b6e-8c4a-4f0e-9a57-6b2d8e1c0f93';

const toBytes = (uuid: string): Uint8Array => {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16));
};

const toText = (bytes: Uint8Array): string => {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Derives a name-based UUID, version 5 (SHA-1), as RFC 9562 §5.5 defines it: the same namespace
 * and name always give the same id.
 * @param namespace - a UUID, e.g. {@link CARD_UUID_NAMESPACE} or the DNS namespace
 * @param name - any string, hashed as UTF-8
 * @returns the UUID in lower case
 */
export const uuidV5 = (namespace: string, name: string): string => {
  if (!UUID_PATTERN.test(namespace)) throw new TypeError(`Namespace "${namespace}" is not a UUID`);
  const nameBytes = utf8Bytes(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(toBytes(namespace));
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return toText(hash);
};

/**
 * Derives the stable id of one card or suggestion from the hook call and what it is about, so that
 * the same hook instance and rule always give the same id (feedback refers to it).
 * @param hookInstance - the hook call's id
 * @param key - what the id names, e.g. a rule id, or a rule id and a suggestion name
 * @returns a version-5 UUID
 */
export const cardUuid = (hookInstance: string, key: string): string => uuidV5(CARD_UUID_NAMESPACE, `${hookInstance}\n${key}`);
