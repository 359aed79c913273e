const spellings: Readonly<Record<string, string>> = {
  behaviour: 'behavior',
  colour: 'color',
  favour: 'favor',
  favourite: 'favorite',
  honour: 'honor',
  neighbour: 'neighbor',
  centre: 'center',
  programme: 'program',
  cancelled: 'canceled',
  travelled: 'traveled',
  thru: 'through',
  customers: 'customer',
  patients: 'patient',
  willingness: 'willing',
};

// Pronouns fold so one cue serves every person: "let them finish" matches "let him finish".
const pronouns: Readonly<Record<string, string>> = {
  he: 'them',
  she: 'them',
  they: 'them',
  him: 'them',
  her: 'them',
  his: 'them',
  their: 'them',
  theirs: 'them',
  your: 'my',
  our: 'my',
  yours: 'mine',
  ours: 'mine',
  ourselves: 'myself',
  yourself: 'myself',
  himself: 'themselves',
  herself: 'themselves',
  // British "ring" is "call": "ring them back" and "call them back" are one cue.
  ring: 'call',
};

// Words that must stay whole: stripping would merge them with unrelated ones (customer / customise).
const whole = new Set(['customer', 'service', 'staff', 'business', 'patient', 'willing']);

// Longest first; each strip must leave at least four letters.
const suffixes = [
  'fulness',
  'iveness',
  'ization',
  'ability',
  'ibility',
  'ically',
  'ation',
  'etic',
  'ition',
  'ement',
  'ively',
  'fully',
  'alism',
  'ality',
  'ness',
  'ment',
  'ence',
  'ance',
  'ency',
  'ancy',
  'able',
  'ible',
  'ical',
  'ized',
  'izes',
  'ing',
  'ful',
  'ity',
  'ate',
  'ism',
  'ive',
  'ize',
  'ous',
  'ent',
  'ant',
  'ial',
  'ic',
  'al',
  'ly',
  'ed',
  'er',
  'es',
  'or',
  's',
  'e',
  'y',
];

/**
 * Reduces a lemma to a coarse key so derived forms meet (patience, patient, patiently -> "pati").
 * Applied the same way to cues and answers, so it only has to be consistent, not linguistically right.
 */
export function stemKey(lemma: string): string {
  let word = lemma.toLowerCase();
  const pronoun = pronouns[word];
  if (pronoun !== undefined) return pronoun;
  word = spellings[word] ?? word;
  if (word.endsWith('isation')) word = `${word.slice(0, -7)}ization`;
  else if (word.endsWith('ise') && word.length > 5) word = `${word.slice(0, -3)}ize`;
  else if (word.endsWith('ised') && word.length > 6) word = `${word.slice(0, -4)}ized`;
  if (whole.has(word)) return word;
  word = word.replace(/(?<=\w{3})i(?:ness|es|ed|ly)$/, 'y').replace(/(?<=\w{3})alty$/, 'al');
  for (let round = 0; round < 4; round += 1) {
    const before = word;
    for (const suffix of suffixes) {
      if (word.length - suffix.length >= 4 && word.endsWith(suffix)) {
        word = word.slice(0, -suffix.length);
        // "shopping" -> "shopp" -> "shop", as "shop" itself.
        if ((suffix === 'ing' || suffix === 'ed') && /([^aeioulsz])\1$/.test(word)) word = word.slice(0, -1);
        break;
      }
    }
    if (word === before) break;
  }
  return word;
}
