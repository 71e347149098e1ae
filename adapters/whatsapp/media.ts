import type { Log, Fetcher } from '../../src/index.ts';

/** An image Herald fetched on its own host, or why it would not send one. */
export type FetchedImage =
  { ok: true; bytes: Buffer; mimetype: string } | { ok: false; reason: string };

/** Fetches a story's image for an image message (baileys is never handed the URL). */
export type ImageFetch = (url: string) => Promise<FetchedImage>;

const IMAGE_ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8';

/**
 * Images through the feeds' own fetcher, so they meet its SSRF guard (no loopback, private or
 * metadata address, redirects checked hop by hop), its size cap (FEEDS_MAX_BYTES) and its
 * timeout (FEEDS_TIMEOUT_MS); a body that is not an image is refused too.
 */
export function imageFetchOf(fetcher: Fetcher, log: Log): ImageFetch {
  return async (url) => {
    const image = toImage(await fetcher({ url, accept: IMAGE_ACCEPT }));
    if (!image.ok) log.info({ url, reason: image.reason }, 'whatsapp: image refused; text sent');
    return image;
  };
}

function toImage(outcome: Awaited<ReturnType<Fetcher>>): FetchedImage {
  switch (outcome.kind) {
    case 'failed':
      return { ok: false, reason: outcome.reason };
    case 'not-modified':
      return { ok: false, reason: 'the image host answered 304 to an unconditional request' };
    case 'ok': {
      const mimetype = (outcome.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (mimetype.startsWith('image/')) return { ok: true, bytes: outcome.body, mimetype };
      return { ok: false, reason: `not an image (content type "${mimetype}")` };
    }
  }
}
