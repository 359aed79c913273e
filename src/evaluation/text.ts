/** The most characters of one answer that are analysed; the rest is ignored (a spoken answer is far shorter). */
export const maxAnalysedChars = 30_000;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls except tab and newlines, zero-width and bidi marks: they carry no words.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const invisibles = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

// Chat typing without apostrophes ("dont", "id say"): restored so negation and "I'd" read as written.
const chatForms: Readonly<Record<string, string>> = {
  dont: "don't",
  didnt: "didn't",
  doesnt: "doesn't",
  isnt: "isn't",
  wasnt: "wasn't",
  werent: "weren't",
  cant: "can't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  shouldnt: "shouldn't",
  havent: "haven't",
  hasnt: "hasn't",
  wont: "won't",
  im: "I'm",
  ive: "I've",
  id: "I'd",
  ill: "I'll",
  theyre: "they're",
  youre: "you're",
  thats: "that's",
  whats: "what's",
  u: 'you',
  ur: 'your',
  bc: 'because',
  cos: 'because',
  ppl: 'people',
  pls: 'please',
  tbh: 'to be honest',
  i: 'I',
};
const chatWord =
  /(?<![\p{L}\p{N}'])(dont|didnt|doesnt|isnt|wasnt|werent|cant|couldnt|wouldnt|shouldnt|havent|hasnt|wont|im|ive|id|ill|theyre|youre|thats|whats|u|ur|bc|cos|ppl|pls|tbh|i)(?![\p{L}\p{N}'])/gu;

/** Makes any string safe to analyse: well-formed, no control or invisible characters, plain quotes, bounded length. */
export function cleanText(raw: string): string {
  let text = raw.length > maxAnalysedChars ? raw.slice(0, maxAnalysedChars) : raw;
  text = text.replace(loneSurrogate, '\uFFFD').replace(controls, ' ').replace(invisibles, '');
  text = text.replace(/[\u2018\u2019\u201B\u2032\u02BC]/g, "'").replace(/[\u201C\u201D\u201F\u2033]/g, '"');
  text = text.replace(/[\u2013\u2014]/g, ' - ').replace(/\u2026/g, '...');
  // Only all-lower-case answers are chat: "ill" or "id" in a written answer keep their meaning.
  if (!/\p{Lu}/u.test(text)) text = text.replace(chatWord, (word) => chatForms[word] ?? word);
  else
    text = text.replace(
      /(?<![\p{L}\p{N}'])(dont|didnt|doesnt|isnt|wasnt|cant|couldnt|wouldnt|im|ive|theyre|youre)(?![\p{L}\p{N}'])/gu,
      (word) => chatForms[word] ?? word,
    );
  return text.normalize('NFC');
}
