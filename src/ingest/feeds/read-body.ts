import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A body larger than the limit: refused while streaming, never buffered whole. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`the body exceeds the limit of ${limit} bytes (FEEDS_MAX_BYTES)`);
  }
}

/** The response body as a stream of decoded bytes (gzip, deflate and br are undone). */
function decodedStream(res: IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(createGunzip());
    case 'deflate':
      return res.pipe(createInflate());
    case 'br':
      return res.pipe(createBrotliDecompress());
    default:
      return res;
  }
}

/**
 * Reads the body, counting the decoded bytes as they arrive (so a small compressed bomb is
 * caught too), and stops at the first byte past `maxBytes`.
 */
export async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new BodyTooLargeError(maxBytes);
  }
  const stream = decodedStream(res);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  } finally {
    if (total > maxBytes) {
      stream.destroy();
      res.destroy();
    }
  }
  return Buffer.concat(chunks);
}
