/** Word-level tokens: words (with inner apostrophes/hyphens), single punctuation marks, and paragraph breaks. */
export const PARAGRAPH = "\n\n";

const TOKEN_RE = /\n[^\S\n]*\n\s*|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const WORD_RE = /^[\p{L}\p{N}]/u;
const NO_SPACE_BEFORE = new Set([".", ",", ";", ":", "!", "?", ")", "]", "}", "%"]);
const NO_SPACE_AFTER = new Set(["(", "[", "{", "$"]);
const SENTENCE_ENDS = new Set([".", "!", "?"]);

export function tokenize(text: string): string[] {
  return Array.from(text.matchAll(TOKEN_RE), (m) => (m[0].startsWith("\n") ? PARAGRAPH : m[0]));
}

export function isWord(token: string): boolean {
  return WORD_RE.test(token);
}

export function isSentenceEnd(token: string): boolean {
  return SENTENCE_ENDS.has(token);
}

/** The text a token adds after `prev`, including its leading space when one is needed. */
export function piece(prev: string | undefined, token: string): string {
  const space =
    prev !== undefined &&
    prev !== PARAGRAPH &&
    token !== PARAGRAPH &&
    !NO_SPACE_BEFORE.has(token) &&
    !NO_SPACE_AFTER.has(prev);
  return space ? ` ${token}` : token;
}

/** Function words and request verbs that say nothing about a prompt's topic. */
const STOPWORDS = new Set(
  `a about above after again against all almost also although always am among an and another any anyone
  anything are aren't around as ask asked asks at away be because been before being below best better between
  both but by can can't cannot could couldn't describe detail details did didn't do does doesn't doing don't done
  down during each either else enough even ever every everything example examples explain few first for from
  further get gets getting give given go goes going good got great had happen happens has have having he hello her here hers hey hi herself
  him himself his how however i i'd i'll i'm i've if in into is isn't it it's its itself just kind know lot lots
  like little make made makes many may maybe me mean more most much must my myself need never new no nor not nothing now of
  off often on once one only or other others our ours ourselves out over own please quite rather really right
  same say says see seem seems shall she should show simple since so some someone something sometimes still such
  summarize summary sure take talk teach tell than thank thanks that that's the their theirs them themselves then
  there there's these they thing things think this those though through thus to too try two under understand
  until up upon us use used using very want wants was wasn't way we well were what what's when where whether
  which while who whom whose why will with within without won't would write you your yours yourself`.split(
    /\s+/,
  ),
);

export function isStopword(lower: string): boolean {
  return STOPWORDS.has(lower);
}
