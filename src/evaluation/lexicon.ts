// Word lists the analysers share. Lemmas, lower case.

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Words that carry grammar, not meaning: skipped when cues and canned answers are compared. */
export const functionWords = words(`
  a an the this that these those some any each every all both either neither such
  i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
  it its itself they them their theirs themselves one someone somebody something anyone anything everyone everything
  be am is are was were been being have has had having do does did doing will would shall should can could may might must
  'd 'll 's 're 've 'm
  to of in on at by for with from into onto about as than like up out off over under through after before between
  and or but nor so yet if then because while when where which who whom whose what how why whether
  there here also very really just quite rather too even still well much many more most
`);

/** Words that open a negation scope. */
export const negators = words(
  'not never no nobody nothing none neither nor hardly barely rarely seldom without cannot',
);

/** After a negator these make a double negative ("never ignore", "don't hesitate"): the meaning stays positive. */
export const negativeVerbs = words(`
  ignore forget fail neglect interrupt rush hesitate dismiss lose argue blame judge assume hang miss overlook
  quit skip brush rude impatient dismissive abandon avoid stop leave let problem issue doubt
`);

/** After "not" these soften instead of negate ("not only", "not just"): the thing still counts. */
export const negationSofteners = words('only just merely simply solely necessarily matter once mention');

/** Tokens that end a negation scope: a new clause starts. */
export const scopeBreakers = words(`
  but yet so because although though while whereas instead rather than and however which who then
  , ; : . ! ? - ( )
`);

/** Tokens before which a contrast disowns what follows ("rather than", "instead of", "less about"). */
export const contrastOpeners: readonly (readonly string[])[] = [
  ['rather', 'than'],
  ['instead', 'of'],
  ['less', 'about'],
  ['not', 'so', 'much'],
  ['as', 'opposed', 'to'],
];

/** Filler words and phrases of spoken answers. */
export const fillers: readonly (readonly string[])[] = [
  ['um'],
  ['uh'],
  ['erm'],
  ['er'],
  ['hmm'],
  ['like', ','],
  ['you', 'know'],
  ['i', 'mean'],
  ['sort', 'of'],
  ['kind', 'of'],
  ['basically'],
  ['literally'],
  ['actually'],
  ['stuff'],
  ['and', 'so', 'on'],
  ['or', 'whatever'],
  ['things', 'like', 'that'],
];

/** Hedges: the candidate doubts their own answer. */
export const hedges: readonly (readonly string[])[] = [
  ['i', 'guess'],
  ['i', 'suppose'],
  ['maybe'],
  ['perhaps'],
  ['probably'],
  ['i', 'think'],
  ['not', 'sure'],
  ['i', 'hope'],
  ['might'],
  ['possibly'],
  ['somewhat'],
  ['i', 'try'],
];

/** Words for stretches and points of time ("last week", "within an hour"). */
export const timeWords = words(`
  second minute hour day week month year weekend morning afternoon evening night shift
  today yesterday tonight monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  christmas holiday season summer winter spring autumn fall
`);

/** Small number words (digits are numbers already). */
export const numberWords = words(`
  two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand
  dozen half twice first second third
`);

/** Terms a hiring manager listens for in a customer-service answer. */
export const jobTerms: readonly string[] = [
  'customer satisfaction',
  'customer loyalty',
  'customer experience',
  'first impression',
  'active listening',
  'empathy',
  'patience',
  'follow up',
  'follow through',
  'escalate',
  'product knowledge',
  'problem solving',
  'complaint',
  'refund',
  'exchange',
  'resolution',
  'feedback',
  'repeat customer',
  'the extra mile',
  'policy',
  'queue',
  'ticket',
  'call centre',
  'service desk',
  'point of sale',
  'upsell',
  'rapport',
  'de-escalate',
  'on hold',
  'handover',
];

/** Words that make a sentence habitual, not one episode ("I always", "did this loads"). */
export const habitualMarkers: readonly (readonly string[])[] = [
  ['always'],
  ['usually'],
  ['often'],
  ['normally'],
  ['generally'],
  ['regularly'],
  ['whenever'],
  ['loads'],
  ['all', 'the', 'time'],
  ['every', 'time'],
  ['every', 'day'],
  ['plenty', 'of'],
  ['a', 'lot'],
  ['quite', 'a', 'lot'],
  ['tend', 'to'],
  ['tended', 'to'],
  ['used', 'to'],
  ['over', 'the', 'years'],
];

/** Verbs of states rather than deeds: "I was", "I had", "I felt" tell no action. */
export const stativeVerbs = words(`
  be have feel think know want need seem like love hate believe remember realize understand mean hope wish
  work start begin enjoy see look become
`);

/** Modals that make a sentence hypothetical ("I would", "I could"). */
export const hypotheticalModals = words('would could should might may will shall can must');

/** Common irregular past forms (lower case), beside regular "-ed". */
export const irregularPast = words(`
  was were had did went came got gave took made said told found felt kept left brought bought thought knew saw
  ran sent spent stood understood began became sat met paid put set let held heard lost meant won wrote drove
  rang spoke chose broke caught taught fought sold stuck led dealt
`);

/** Synonyms folded to one key before canned answers are compared, so a swapped word still matches. */
export const synonymKeys: Readonly<Record<string, string>> = {
  client: 'customer',
  consumer: 'customer',
  shopper: 'customer',
  guest: 'customer',
  patron: 'customer',
  caller: 'customer',
  assist: 'help',
  aid: 'help',
  support: 'help',
  crucial: 'important',
  vital: 'important',
  essential: 'important',
  key: 'important',
  critical: 'important',
  significant: 'important',
  glad: 'happy',
  pleased: 'happy',
  satisfied: 'happy',
  content: 'happy',
  delighted: 'happy',
  loyal: 'happy',
  courteous: 'polite',
  respectful: 'polite',
  kind: 'polite',
  pleasant: 'polite',
  friendly: 'polite',
  issue: 'problem',
  concern: 'problem',
  difficulty: 'problem',
  trouble: 'problem',
  complaint: 'problem',
  resolve: 'solve',
  fix: 'solve',
  address: 'solve',
  handle: 'solve',
  quick: 'fast',
  prompt: 'fast',
  rapid: 'fast',
  swift: 'fast',
  efficient: 'fast',
  timely: 'fast',
  carefully: 'attentively',
  closely: 'attentively',
  ensure: 'make sure',
  guarantee: 'make sure',
  clearly: 'clear',
  explain: 'tell',
  describe: 'tell',
  firm: 'company',
  business: 'company',
  organization: 'company',
  organisation: 'company',
  goal: 'aim',
  objective: 'aim',
  purpose: 'aim',
  priority: 'aim',
  always: 'consistently',
  involve: 'include',
  require: 'need',
  demand: 'need',
  want: 'need',
  store: 'shop',
};
