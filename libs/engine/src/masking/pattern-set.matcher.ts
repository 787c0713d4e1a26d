/**
 * Aho–Corasick over a fixed set of patterns: one pass over the text whatever the number of patterns,
 * so masking stays linear in the text however many secrets (and forms of them) there are.
 */
export class PatternSetMatcher {
  /** Edges of the trie, keyed `state * 65536 + charCode`: one map is far lighter than one per node. */
  private readonly edges = new Map<number, number>();
  private readonly children: number[][] = [[]];
  private readonly fail: number[] = [0];
  /** Length of the longest pattern that ends at this node (directly or through its suffix links). */
  private readonly longest: number[] = [0];
  /** The root's edges as an array: most characters of a text start no pattern, and this is their path. */
  private readonly fromRoot = new Int32Array(65536);

  constructor(patterns: Iterable<string>) {
    for (const pattern of patterns) this.add(pattern);
    this.link();
    const rootChildren = this.children[0] ?? [];
    for (let k = 0; k < rootChildren.length; k += 2) this.fromRoot[rootChildren[k] as number] = rootChildren[k + 1] as number;
  }

  get empty(): boolean {
    return this.edges.size === 0;
  }

  /**
   * Calls `onMatch(start, end)` (end exclusive) for the longest pattern ending at each position where
   * one ends, left to right. Shorter patterns ending at the same position lie inside it.
   */
  scan(text: string, onMatch: (start: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      for (;;) {
        if (state === 0) {
          state = this.fromRoot[code] as number;
          break;
        }
        const to = this.edges.get(state * 65536 + code);
        if (to !== undefined) {
          state = to;
          break;
        }
        state = this.fail[state] ?? 0;
      }
      const length = this.longest[state] ?? 0;
      if (length > 0) onMatch(i + 1 - length, i + 1);
    }
  }

  private add(pattern: string): void {
    if (pattern === '') return;
    let state = 0;
    for (let i = 0; i < pattern.length; i += 1) {
      const key = state * 65536 + pattern.charCodeAt(i);
      let to = this.edges.get(key);
      if (to === undefined) {
        to = this.fail.length;
        this.fail.push(0);
        this.longest.push(0);
        this.children.push([]);
        this.children[state]?.push(pattern.charCodeAt(i), to);
        this.edges.set(key, to);
      }
      state = to;
    }
    this.longest[state] = Math.max(this.longest[state] ?? 0, pattern.length);
  }

  /** Breadth-first, so a node's suffix link is final before its children are linked. */
  private link(): void {
    const queue: number[] = [];
    const rootChildren = this.children[0] ?? [];
    for (let k = 1; k < rootChildren.length; k += 2) queue.push(rootChildren[k] as number);
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] as number;
      const pairs = this.children[state] ?? [];
      for (let k = 0; k < pairs.length; k += 2) {
        const code = pairs[k] as number;
        const child = pairs[k + 1] as number;
        let fallback = this.fail[state] ?? 0;
        let target = this.edges.get(fallback * 65536 + code);
        while (target === undefined && fallback !== 0) {
          fallback = this.fail[fallback] ?? 0;
          target = this.edges.get(fallback * 65536 + code);
        }
        const linked = target ?? 0;
        this.fail[child] = linked;
        this.longest[child] = Math.max(this.longest[child] ?? 0, this.longest[linked] ?? 0);
        queue.push(child);
      }
    }
  }
}
