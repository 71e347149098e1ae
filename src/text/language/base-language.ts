/** The base language of a tag, lowercase: "pt-BR" -> "pt", "zh-Hant" -> "zh", "EN" -> "en". */
export function baseLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** Whether a tag is English: its text takes Herald's original (English) path. */
export function isEnglish(tag: string): boolean {
  return baseLanguage(tag) === 'en';
}
