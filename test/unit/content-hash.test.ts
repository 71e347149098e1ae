/**
 * contentHash: sha256 over title and body with whitespace runs made one space. Its fast
 * replacement (which leaves single spaces alone) is checked against the plain definition.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/domain/story-id.ts';

function plain(title: string, body: string): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${norm(title)}\n${norm(body)}`)
    .digest('hex');
}

const PIECES = [
  'a',
  'Zoë',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  ' \n ',
  '\u00a0',
  '\u3000',
  '\r\n',
  'x y',
];

describe('contentHash', () => {
  it('equals the plain definition on every mix of spaces, breaks and letters', () => {
    // Every sequence of four pieces: 12^4 texts.
    for (const a of PIECES)
      for (const b of PIECES)
        for (const c of PIECES)
          for (const d of PIECES) {
            const text = a + b + c + d;
            expect(contentHash(text, `${d}${c}body${b}${a}`)).toBe(
              plain(text, `${d}${c}body${b}${a}`),
            );
          }
  });

  it('is the same for texts that differ only in spacing, and differs otherwise', () => {
    expect(contentHash('A  title', 'One\n\ntwo')).toBe(contentHash('A title', 'One two '));
    expect(contentHash('A title', 'One two')).not.toBe(contentHash('A title', 'Onetwo'));
    // Composed and decomposed accents are one text.
    expect(contentHash('Zoe\u0308', 'b')).toBe(contentHash('Zoë', 'b'));
  });
});
