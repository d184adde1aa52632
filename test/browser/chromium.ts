import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package installs the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** `CI=false` or `CI=0` (some shells export it so) is not a CI run. */
function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * The Chromium the browser test drives, or `undefined` to skip it. Skipping is for a developer
 * machine without Chromium only: when `CHROMIUM_PATH` names a browser that is not there (.ci/run
 * sets it after installing Debian's chromium), or when `CI` is set, a missing browser throws, so
 * a CI run fails instead of passing with the browser test silently skipped.
 */
export function findChromium(
  env: Readonly<Record<string, string | undefined>>,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (exists(path)) return path;
  if (env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${path} does not exist: apt-get install chromium`);
  if (isCi(env.CI)) {
    throw new Error(
      `CI=${env.CI} but Chromium is not at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return undefined;
}
