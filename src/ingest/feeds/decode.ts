/**
 * Bytes to text, honouring (in this order) a byte-order mark, the HTTP charset, the XML
 * declaration; a body that claims or defaults to UTF-8 but is not valid UTF-8 is detected as
 * windows-1251 (Cyrillic) or windows-1252 (Western) instead of being garbled.
 */
export function decodeBody(body: Buffer, contentType?: string): { text: string; encoding: string } {
  const bom = bomEncoding(body);
  if (bom !== undefined) return { text: new TextDecoder(bom).decode(body), encoding: bom };
  const declared = charsetFrom(contentType) ?? xmlDeclaredEncoding(body);
  const label = declared === undefined ? undefined : knownLabel(declared);
  if (label !== undefined && label !== 'utf-8') {
    return { text: new TextDecoder(label).decode(body), encoding: label };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    const guess = guessSingleByte(body);
    return { text: new TextDecoder(guess).decode(body), encoding: guess };
  }
}

function bomEncoding(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

function charsetFrom(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

function xmlDeclaredEncoding(body: Buffer): string | undefined {
  const head = body.subarray(0, 200).toString('latin1');
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
}

/** The WHATWG label TextDecoder knows for a charset name, or undefined. */
function knownLabel(charset: string): string | undefined {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Cyrillic text in windows-1251 is mostly runs of bytes 0xC0-0xFF (whole words of letters);
 * Western text in windows-1252 has isolated accented letters between ASCII ones. So: when
 * most high bytes sit in runs of three or more, it is windows-1251.
 */
export function guessSingleByte(body: Uint8Array): 'windows-1251' | 'windows-1252' {
  let high = 0;
  let inRuns = 0;
  let run = 0;
  const close = () => {
    if (run >= 3) inRuns += run;
    run = 0;
  };
  for (const byte of body) {
    if (byte >= 0xc0) {
      high++;
      run++;
    } else close();
  }
  close();
  return high > 0 && inRuns / high > 0.5 ? 'windows-1251' : 'windows-1252';
}
