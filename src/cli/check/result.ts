/** How one item of `wechat-cs check` turned out. `warn` does not fail the check. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of the checklist, with the fix for a `fail` or `warn`. */
export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, status: 'pass', detail });
export const skip = (name: string, detail: string): CheckResult => ({ name, status: 'skip', detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'fail',
  detail,
  fix,
});
export const warn = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'warn',
  detail,
  fix,
});

const SYMBOLS: Readonly<Record<CheckStatus, string>> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };

/** The checklist as the terminal shows it: `✓ name  detail`, and `fix: …` under each ✗ and !. */
export function formatChecklist(results: readonly CheckResult[]): string[] {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`  ${SYMBOLS[result.status]} ${result.name.padEnd(width)}  ${result.detail}`);
    if (result.fix !== undefined) lines.push(`    ${' '.repeat(width)}  fix: ${result.fix}`);
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  lines.push('', failed === 0 ? 'All checks passed.' : `${failed} problem${failed === 1 ? '' : 's'} found.`);
  return lines;
}
