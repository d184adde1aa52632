import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, findChromium } from './chromium.js';

/** A file system holding only `paths`. */
const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('which Chromium the browser test uses, and when it may skip', () => {
  it('uses CHROMIUM_PATH, else /usr/bin/chromium', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, only('/opt/chrome'))).toBe('/opt/chrome');
    expect(findChromium({}, only(DEFAULT_CHROMIUM))).toBe(DEFAULT_CHROMIUM);
    expect(findChromium({ CI: 'true' }, only(DEFAULT_CHROMIUM))).toBe(DEFAULT_CHROMIUM);
  });

  it('skips on a developer machine without Chromium', () => {
    expect(findChromium({}, only())).toBeUndefined();
    expect(findChromium({ CI: '' }, only())).toBeUndefined();
    expect(findChromium({ CI: 'false' }, only())).toBeUndefined();
  });

  it('fails when CHROMIUM_PATH names a missing browser', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/opt/chrome' }, only(DEFAULT_CHROMIUM))).toThrow(
      'CHROMIUM_PATH=/opt/chrome does not exist',
    );
  });

  it('fails in CI when Chromium is missing, rather than skipping the browser test', () => {
    expect(() => findChromium({ CI: 'true' }, only())).toThrow(
      `CI=true but Chromium is not at ${DEFAULT_CHROMIUM}`,
    );
    expect(() => findChromium({ CI: '1' }, only())).toThrow('apt-get install chromium');
  });
});
