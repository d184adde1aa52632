// The one Markdown table the benchmark prints. Measurement rows fill Figure/±/vs floor; target
// rows (area "Target") fill Target and Holds.

/**
 * @typedef {object} Row
 * @property {string} area
 * @property {string} subject
 * @property {string} [figure]
 * @property {string} [spread]
 * @property {string} [ratio]    vs the floor of the same group, same run
 * @property {string} [target]
 * @property {boolean | 'inconclusive' | undefined} [holds]  undefined: could not be measured
 */

const HEADER = ['Area', 'Subject', 'Figure', '±', 'vs floor', 'Target', 'Holds'];

const cell = (text) =>
  String(text ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ');

function verdict(row) {
  if (row.target === undefined) return '';
  if (row.holds === undefined) return 'n/a';
  if (row.holds === 'inconclusive') return '⚠️ inconclusive';
  return row.holds ? '✅ pass' : '❌ FAIL';
}

/** Renders rows as one GitHub-flavoured Markdown table. */
export function renderTable(rows) {
  const lines = [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) {
    const cells = [row.area, row.subject, row.figure, row.spread, row.ratio, row.target, verdict(row)];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * A target row. `value` is what was measured (already formatted); `holds` is true, false,
 * 'inconclusive' (the per-round ratios straddle the target, see stats.judge) or undefined = n/a.
 */
export function targetRow(subject, value, target, holds) {
  return { area: 'Target', subject, figure: value, target, holds };
}
