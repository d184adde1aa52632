// Small statistics and number formatting for the table.

/** The q-quantile (0..1) of `values` by linear interpolation; NaN for an empty list. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export const median = (values) => quantile(values, 0.5);

/** Half the inter-quartile range as a percentage of the median: the "±" of the table. */
export function spreadPct(values) {
  const mid = median(values);
  return mid === 0 ? 0 : ((quantile(values, 0.75) - quantile(values, 0.25)) / 2 / mid) * 100;
}

/** 3 significant digits, thousands separated: 18.4, 1,234, 52,300. */
export function num(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Number(value.toPrecision(3)).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

/** CPU µs/op with the matching ops per CPU-second: "18.4 µs CPU (54,300/s)". */
export function perOp(microseconds) {
  const clock = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'CPU';
  return `${num(microseconds)} µs ${clock} (${num(1e6 / microseconds)}/s)`;
}

/** A ratio to 2 decimals with a × sign. */
export const times = (ratio) => `${ratio.toFixed(2)}×`;

/** Bytes as B / KiB / MiB. */
export function bytes(value) {
  const abs = Math.abs(value);
  if (abs >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MiB`;
  if (abs >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${Math.round(value)} B`;
}

/** Fewer per-round ratios than this give no interval (smoke runs): the verdict uses the median. */
const MIN_FOR_INTERVAL = 4;

/**
 * The middle half of per-round ratios, [25th, 75th percentile], or undefined when there are too few
 * rounds to say anything about their spread.
 */
export function middleHalf(ratios) {
  if (ratios.length < MIN_FOR_INTERVAL) return undefined;
  return [quantile(ratios, 0.25), quantile(ratios, 0.75)];
}

/**
 * A target judged on per-round ratios: true / false when the whole middle half is on one side of
 * the target, 'inconclusive' when it straddles it; the median alone without an interval.
 * @param {number[]} ratios  per-round ratios (the figure compared with the target)
 * @param {(ratio: number) => boolean} holds
 */
export function judge(ratios, holds) {
  const interval = middleHalf(ratios);
  if (!interval) return holds(median(ratios));
  const [low, high] = interval.map(holds);
  return low === high ? low : 'inconclusive';
}

/** "1.16× (middle half 1.10–1.22×)" for a target row; the bare ratio without an interval. */
export function ratioWithInterval(ratios, format = (r) => `${r.toFixed(2)}×`) {
  const interval = middleHalf(ratios);
  const text = format(median(ratios));
  return interval ? `${text} (middle half of rounds ${interval.map(format).join('–')})` : text;
}
