import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };

/*
 * Every reply and card label, per language, in src/domain/locales/<code>.json: flat keys,
 * `{name}` placeholders. Plain JSON and this small lookup instead of a library (ADR 0027):
 * the messages are few and flat, and the compiler checks that every locale has every key.
 */

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

/** The languages Herald answers in; English is the default and the fallback. */
export const LANGUAGES = ['en', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGS: Readonly<Record<Language, Catalog>> = { en, de, es };

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLanguage(code: string | undefined): code is Language {
  return (LANGUAGES as readonly (string | undefined)[]).includes(code);
}

/**
 * The language Herald answers in for a platform's locale tag (Telegram's `language_code`
 * "de", Discord's `locale` "es-ES"): its primary subtag when Herald has it, else undefined.
 */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const code = locale?.split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(code) ? code : undefined;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The message in `language` (English when unknown), its `{name}` placeholders filled in. */
export function translate(language: string | undefined, key: MessageKey, params?: Params): string {
  const text = CATALOGS[isLanguage(language) ? language : 'en'][key];
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translator(language: string | undefined): Translate {
  return (key, params) => translate(language, key, params);
}

/** Every catalog (the locale test compares their keys and placeholders). */
export function catalogs(): Readonly<Record<Language, Catalog>> {
  return CATALOGS;
}
