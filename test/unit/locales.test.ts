import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES, languageOfLocale, translate } from '../../src/domain/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const all = catalogs();
  const english = all.en;

  it('ship English and at least two more', () => {
    expect(LANGUAGES[0]).toBe('en');
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(LANGUAGES)('%s has every key, no other, none empty, the same placeholders', (code) => {
    const catalog = all[code];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(catalog)) {
      expect(text.trim(), `${code} ${key}`).not.toBe('');
      expect(placeholders(text), `${code} ${key}`).toEqual(
        placeholders(english[key as keyof typeof english]),
      );
    }
  });

  it('fills placeholders and falls back to English', () => {
    expect(translate('de', 'digest.many', { count: 3 })).toBe('3 Meldungen');
    expect(translate('xx', 'digest.many', { count: 3 })).toBe('3 stories');
    expect(translate(undefined, 'fail.guess', { name: 'latest' })).toBe(' Did you mean latest?');
  });

  it("reads a platform's locale tag as one of Herald's languages, or none", () => {
    expect(languageOfLocale('de')).toBe('de');
    expect(languageOfLocale('es-ES')).toBe('es');
    expect(languageOfLocale('en_GB')).toBe('en');
    expect(languageOfLocale('DE-at')).toBe('de');
    expect(languageOfLocale('pt-BR')).toBeUndefined();
    expect(languageOfLocale('')).toBeUndefined();
    expect(languageOfLocale(undefined)).toBeUndefined();
  });
});
