/**
 * `text.startsWith(literal, at)` as a loop TurboFan inlines: on the push path the builtin call
 * costs more than the few characters it compares (profiled under load, DESIGN §1.7).
 */
export function startsAt(text: string, literal: string, at: number): boolean {
  if (at < 0 || at + literal.length > text.length) return false;
  for (let k = 0; k < literal.length; k++) {
    if (text.charCodeAt(at + k) !== literal.charCodeAt(k)) return false;
  }
  return true;
}
