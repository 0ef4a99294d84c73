/**
 * The one place where messages get their grammar: counts with the right noun form and roles with
 * the right article, for rule messages (`{{count|plural:example}}`, `{{role|a}}` in templates),
 * reporters and CLI lines alike.
 */

/** `1 example`, `3 examples`; `many` for irregular plurals; `format` shows the number (`1,200`, `1.2k`). */
export function plural(n: number, word: string, many = `${word}s`, format: (n: number) => string = String): string {
  return `${format(n)} ${n === 1 ? word : many}`;
}

// Words whose first letter is a vowel but whose sound is not ("a user", "a unique", "a one-off"),
// and the reverse ("an hour", "an MP3" are rare in messages and left out).
const CONSONANT_SOUND = /^(?:u(?:s|n(?:i|a(?!ble|c|d|l|n|r|s|t|v|w))|r[aeiou]|ti|k|b[iu])|one\b|eu)/i;

/** `a user`, `an assistant`, `an unknown`, `a user`: the article a word takes, and the word. */
export function withArticle(word: string): string {
  const an = /^[aeiou]/i.test(word) && !CONSONANT_SOUND.test(word);
  return `${an ? "an" : "a"} ${word}`;
}
