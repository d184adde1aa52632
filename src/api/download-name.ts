/** C0 and C1 control characters (NUL, CR, LF, ESC, DEL, …). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The filename a download's `Content-Disposition` named, made safe to join to a directory: its
 * base name (after the last `/` or `\`), without control characters or surrounding spaces. The
 * header comes from the network (a proxy, or anyone who can answer for WeChat), so `../../x`
 * becomes `x`. `undefined` when nothing usable is left (`..`, `/`, only dots and spaces).
 */
export function safeFilename(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const base = raw.replace(CONTROL, '').split(/[/\\]/).pop()?.trim() ?? '';
  return /^[.\s]*$/.test(base) ? undefined : base;
}
