import { MASK } from './mask.constant';
import { PatternSetMatcher } from './pattern-set.matcher';
import { FRAGMENT_LENGTH, foldCase, MIN_CUT_LENGTH, MIN_SECRET_LENGTH, secretForms } from './secret-forms';

const CUT_MARK = '…';

/**
 * Hides secrets in text: each secret whole, in any of its common forms and cases, and any run of
 * FRAGMENT_LENGTH or more characters of one. Linear in the text: one Aho–Corasick pass over its
 * case-folded copy, then the found ranges are merged and replaced.
 */
export class SecretMasker {
  private readonly matcher: PatternSetMatcher;
  /** Starts and ends of secrets shorter than a fragment, as a cut preview leaves them beside "…". */
  private readonly cutHeads = new Set<string>();
  private readonly cutTails = new Set<string>();

  constructor(secrets: readonly string[]) {
    const patterns = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of secretForms(secret)) this.addForm(form, patterns);
    }
    this.matcher = new PatternSetMatcher(patterns);
  }

  mask(text: string): string {
    if (this.matcher.empty || text.length < MIN_SECRET_LENGTH) return text;
    const folded = foldCase(text);
    // Merged ranges as a stack of [start, end) pairs; matches arrive ordered by their end.
    const ranges: number[] = [];
    const cover = (start: number, end: number): void => {
      let from = start;
      let to = end;
      while (ranges.length && (ranges[ranges.length - 1] as number) >= from) {
        to = Math.max(to, ranges.pop() as number);
        from = Math.min(from, ranges.pop() as number);
      }
      ranges.push(from, to);
    };
    this.matcher.scan(folded, cover);
    const merged = folded.includes(CUT_MARK) ? withCuts(ranges, this.cutRanges(folded)) : ranges;
    if (merged.length === 0) return text;
    let out = '';
    let copied = 0;
    for (let k = 0; k < merged.length; k += 2) {
      out += `${text.slice(copied, merged[k])}${MASK}`;
      copied = merged[k + 1] as number;
    }
    return out + text.slice(copied);
  }

  private addForm(form: string, patterns: Set<string>): void {
    patterns.add(form);
    for (let i = 0; i + FRAGMENT_LENGTH <= form.length; i += 1) {
      const fragment = form.slice(i, i + FRAGMENT_LENGTH);
      // A secret that is a URL would otherwise hide "https://" everywhere.
      if (!fragment.includes('://')) patterns.add(fragment);
    }
    const shortest = Math.min(FRAGMENT_LENGTH, form.length);
    for (let length = MIN_CUT_LENGTH; length < shortest; length += 1) {
      this.cutHeads.add(form.slice(0, length));
      this.cutTails.add(form.slice(form.length - length));
    }
  }

  /**
   * Text cut before it was masked ("…KEY-abc…") can end in fewer than FRAGMENT_LENGTH characters of a
   * secret; beside a cut mark such a start or end of a secret is hidden too.
   */
  private cutRanges(folded: string): number[] {
    const found: number[] = [];
    for (let at = folded.indexOf(CUT_MARK); at >= 0; at = folded.indexOf(CUT_MARK, at + 1)) {
      for (let length = FRAGMENT_LENGTH - 1; length >= MIN_CUT_LENGTH; length -= 1) {
        if (at - length >= 0 && this.cutHeads.has(folded.slice(at - length, at))) {
          found.push(at - length, at);
          break;
        }
      }
      for (let length = FRAGMENT_LENGTH - 1; length >= MIN_CUT_LENGTH; length -= 1) {
        const end = at + 1 + length;
        if (end <= folded.length && this.cutTails.has(folded.slice(at + 1, end))) {
          found.push(at + 1, end);
          break;
        }
      }
    }
    return found;
  }
}

/** Both lists hold [start, end) pairs; the result is their union as ordered, disjoint pairs. */
function withCuts(ranges: number[], cuts: number[]): number[] {
  if (cuts.length === 0) return ranges;
  const all: Array<[number, number]> = [];
  for (const list of [ranges, cuts]) for (let k = 0; k < list.length; k += 2) all.push([list[k] as number, list[k + 1] as number]);
  all.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of all) {
    const last = merged.length - 1;
    if (last > 0 && (merged[last] as number) >= start) merged[last] = Math.max(merged[last] as number, end);
    else merged.push(start, end);
  }
  return merged;
}
