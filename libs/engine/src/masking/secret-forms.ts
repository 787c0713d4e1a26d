/**
 * The forms a secret takes on its way through templates and transports. A member can put a secret
 * through any helper, so besides the exact text the masker looks for the usual encodings, and for any
 * run of FRAGMENT_LENGTH characters of each form (what `substring`, a cut preview or a prefix leaves).
 */

/** Shorter secrets would match inside ordinary words and numbers and hide half the history. */
export const MIN_SECRET_LENGTH = 4;
/**
 * Any run of this many characters of a secret is hidden: shorter runs of random keys are too common in
 * ordinary text to hide, longer ones would let `substring` show most of a key.
 */
export const FRAGMENT_LENGTH = 8;
/** A cut text ("…") may end in a shorter run of a secret: at least this many characters are hidden then. */
export const MIN_CUT_LENGTH = 4;

/** Every form of one secret, case-folded, without duplicates. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const percent = safeEncode(secret);
  const forms = [
    secret,
    percent,
    safeEncode(percent),
    formEncode(secret),
    json,
    // Escaped twice: a JSON document carried as a string inside another one.
    JSON.stringify(json).slice(1, -1),
    ...base64Cores(secret),
  ];
  return [...new Set(forms.map(foldCase))].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * What a secret looks like inside a base64 text (a Basic auth header "user:key", a token blob),
 * whatever stands before it: for each of the three alignments, the characters its bytes alone decide.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const whole = Math.floor((bytes.length - offset) / 3) * 3;
    if (whole < 3) continue;
    const core = bytes.subarray(offset, offset + whole);
    cores.push(core.toString('base64'), core.toString('base64url'));
  }
  return cores;
}

/**
 * Lower case, one UTF-16 unit for one: positions in the folded text are positions in the original,
 * so a match found there is hidden here. Upper- and lower-cased secrets then match alike.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let folded = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text[i] as string;
    const low = unit.toLowerCase();
    folded += low.length === 1 ? low : unit;
  }
  return folded;
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}
