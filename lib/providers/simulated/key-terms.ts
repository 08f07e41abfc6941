/** Picks out what a question is about, so that a simulated answer talks about it. */

const STOPWORDS = new Set(
  (
    'a about above after again all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing done down during each few for from further get got had has have having he her here how ' +
    'i if in into is it its itself just let like make me more most my no nor not now of off on once only or other our ' +
    'out over own please same she should so some such tell than that the their them then there these they this those ' +
    'through to too under until up use used using very want was we well were what when where which while who whom why ' +
    'will with would you your yours explain describe give show best way ways good better really thing things need know ' +
    'implement build create write fix choose work learn compare difference differences main key important start help ' +
    'possible example examples simple quick quickly new properly correctly right wrong think mean means'
  ).split(' '),
);

/**
 * Up to `max` phrases the question is about (runs of adjacent content words: "rate limiter",
 * "French Revolution"), longest first, original casing kept.
 */
export function keyTerms(question: string, max = 4): string[] {
  const phrases: string[][] = [];
  let current: string[] = [];
  // Punctuation and stopwords end a phrase.
  for (const token of question.match(/[\p{L}\p{N}][\p{L}\p{N}+#\-_']*|[^\s\p{L}\p{N}]/gu) ?? []) {
    const word = trimTrailingJoiners(token);
    const isContent = /^[\p{L}\p{N}]/u.test(word) && word.length >= 3 && !STOPWORDS.has(word.toLowerCase());
    if (isContent && current.length < 3) current.push(word);
    else {
      if (current.length > 0) phrases.push(current);
      current = isContent ? [word] : [];
    }
  }
  if (current.length > 0) phrases.push(current);

  const seen = new Set<string>();
  const unique = phrases
    .map((words) => words.join(' '))
    .filter((phrase) => !seen.has(phrase.toLowerCase()) && seen.add(phrase.toLowerCase()));
  return unique
    .map((phrase, index) => ({ phrase, index, words: phrase.split(' ').length }))
    .sort((a, b) => b.words - a.words || b.phrase.length - a.phrase.length || a.index - b.index)
    .slice(0, max)
    .map((entry) => entry.phrase);
}

/**
 * The token without trailing `'`, `-` or `_`. A loop, not `/['\-_]+$/`: that pattern restarts at every joiner
 * of a long run that is not at the end ("a'''…'b"), which is quadratic in the run's length.
 */
function trimTrailingJoiners(token: string): string {
  let end = token.length;
  while (end > 0 && "'-_".includes(token[end - 1])) end--;
  return token.slice(0, end);
}

const CODE_WORDS =
  /\b(code|coding|function|method|program|script|implement\w*|python|javascript|typescript|node|rust|golang|java|c\+\+|c#|sql|query|bash|shell|regex|api|class|bug|debug|compile\w*|algorithm|loop|array|sort\w*|parse\w*|react|css|html)\b/i;

/** True when the question is about code, so the answer should show some. */
export function mentionsCode(question: string): boolean {
  return CODE_WORDS.test(question) || /```|`[^`]+`/.test(question);
}

const LANGUAGES: [RegExp, string][] = [
  [/\b(typescript|ts|react|node|javascript|js)\b/i, 'typescript'],
  [/\brust\b/i, 'rust'],
  [/\b(go|golang)\b/i, 'go'],
  [/\bsql|query|database|postgres\w*|sqlite\b/i, 'sql'],
  [/\b(bash|shell|linux|command line)\b/i, 'bash'],
];

/** The language the question is most likely about; Python when it names none. */
export function codeLanguage(question: string): string {
  return LANGUAGES.find(([pattern]) => pattern.test(question))?.[1] ?? 'python';
}
