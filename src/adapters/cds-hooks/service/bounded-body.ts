import { jsonTooDeep } from './json-depth.js';
import { decodeUtf8 } from './web-platform.js';

/** One chunk read from a byte stream. */
export interface ByteChunk {
  readonly done: boolean;
  readonly value?: Uint8Array;
}

/** The reader of a WHATWG `ReadableStream` of bytes (a fetch `Response.body`). */
export interface ByteReader {
  read(): Promise<ByteChunk>;
  cancel(reason?: unknown): Promise<void>;
}

/** A WHATWG `ReadableStream` of bytes, as far as the service reads it. */
export interface ByteStream {
  getReader(): ByteReader;
}

/** The bytes one hook call may still read from FHIR servers; shared by all its fetches. */
export interface ByteBudget {
  remaining: number;
}

/** Why a body could not be read as JSON. */
export type BodyFailure = 'too_large' | 'not_fhir';

/** A JSON body read within its caps. */
export type BoundedJson = { readonly value: unknown; readonly bytes: number } | { readonly failure: BodyFailure; readonly bytes: number };

/**
 * Reads a streamed body chunk by chunk and stops (cancelling the stream, so the connection is
 * closed) as soon as it passes the per-response cap or the call's remaining budget; then decodes it
 * as UTF-8 and parses it as JSON, after an iterative nesting check.
 * @param body - the response body
 * @param maxBytes - the cap for this response
 * @param budget - the call's remaining bytes; reduced by what was read
 * @returns the parsed value and its size, or why it was refused
 */
export const readBoundedJson = async (body: ByteStream, maxBytes: number, budget: ByteBudget): Promise<BoundedJson> => {
  const reader = body.getReader();
  const limit = Math.min(maxBytes, budget.remaining);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const value = chunk.value ?? new Uint8Array(0);
    size += value.byteLength;
    budget.remaining -= value.byteLength;
    if (size > limit) {
      await reader.cancel('too large').catch(() => undefined);
      return { failure: 'too_large', bytes: size };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = decodeUtf8(all);
  if (text === undefined || jsonTooDeep(text)) return { failure: 'not_fhir', bytes: size };
  try {
    return { value: JSON.parse(text) as unknown, bytes: size };
  } catch {
    return { failure: 'not_fhir', bytes: size };
  }
};
