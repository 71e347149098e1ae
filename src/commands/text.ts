/** Small, safe string helpers for text that came from users or goes into replies. */

/** Control and format characters: C0/C1 controls, bidi overrides, zero-width, BOM. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** User text made tame: whitespace folded to one space, controls and bidi tricks removed. */
export function cleanInput(text: string): string {
  return text.replace(/\s+/g, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/** Cuts `text` to at most `max` UTF-16 units, ending with "…" when cut; never splits a pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** User text quoted back in a reply: cleaned, cut short, in typographic quotes. */
export function quote(text: string, max: number): string {
  return `“${truncate(cleanInput(text), max)}”`;
}
