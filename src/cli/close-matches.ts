// Python's difflib.get_close_matches (Ratcliff/Obershelp ratio), for argparse's "maybe you meant".

function matchingChars(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  // Longest common substring, leftmost in a, then recurse on both sides (as SequenceMatcher does).
  let best = 0;
  let bestI = 0;
  let bestJ = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        if (cur[j] > best) {
          best = cur[j];
          bestI = i - best;
          bestJ = j - best;
        }
      }
    }
    prev = cur;
  }
  if (!best) return 0;
  return (
    best +
    matchingChars(a.slice(0, bestI), b.slice(0, bestJ)) +
    matchingChars(a.slice(bestI + best), b.slice(bestJ + best))
  );
}

export function ratio(a: string, b: string): number {
  const total = a.length + b.length;
  return total ? (2 * matchingChars(a, b)) / total : 1;
}

/** Up to n possibilities whose ratio to word is at least cutoff, best first. */
export function closeMatches(word: string, possibilities: string[], n = 3, cutoff = 0.6): string[] {
  return possibilities
    .map((p) => [ratio(word, p), p] as const)
    .filter(([r]) => r >= cutoff)
    .sort((x, y) => y[0] - x[0] || (y[1] < x[1] ? -1 : 1))
    .slice(0, n)
    .map(([, p]) => p);
}
