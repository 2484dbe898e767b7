import { describe, expect, it } from 'vitest';
import { sha1, utf8Bytes } from '../../../../src/adapters/cds-hooks/cards/sha1.js';
import { cardUuid, uuidV5 } from '../../../../src/adapters/cds-hooks/cards/uuid.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('sha1', () => {
  // FIPS 180-2 appendix A test vectors, and the empty message.
  it.each([
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
  ])('hashes %j as the standard says', (message, digest) => {
    expect(hex(sha1(utf8Bytes(message)))).toBe(digest);
  });

  it('hashes a message longer than one block', () => {
    expect(hex(sha1(utf8Bytes('a'.repeat(1000))))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });
});

describe('uuidV5', () => {
  // The values Python's uuid.uuid5 gives for the same namespace and name.
  it('matches other RFC 9562 implementations', () => {
    expect(uuidV5(DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5(URL_NS, 'héllo · ✓ 😀')).toBe('531da11b-47cb-5623-b201-e35bf4dd52e2');
  });

  it('derives a card id from the hook instance and the rule', () => {
    expect(cardUuid('d1577c69-dfbe-44ad-ba6d-3e05e953b2ea', 'dose.session-volume-cap')).toBe('5e2a8ed5-15c7-5b6f-8ce1-b8f2ac896c07');
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow('Namespace "not-a-uuid" is not a UUID');
  });
});
