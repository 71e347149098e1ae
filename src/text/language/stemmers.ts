import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

export type Stemmer = (word: string) => string;

/**
 * Snowball-family stemmers (@orama/stemmers) by base language. Languages without one here
 * (Persian, Chinese, Japanese, ...) are not stemmed; English keeps its own path (the FTS
 * porter tokenizer and PostgreSQL's english configuration stem it in search).
 */
export const STEMMERS: Readonly<Record<string, Stemmer | undefined>> = {
  ar: arabic,
  de: german,
  es: spanish,
  fr: french,
  it: italian,
  nl: dutch,
  pt: portuguese,
  ru: russian,
  uk: ukrainian,
};

/** The stemmers tried on a search word written in a script (its stories may be any of them). */
export const STEMMERS_BY_SCRIPT: Readonly<Record<'latin' | 'cyrillic' | 'arabic', Stemmer[]>> = {
  latin: [spanish, portuguese, french, german, italian, dutch],
  cyrillic: [russian, ukrainian],
  arabic: [arabic],
};
