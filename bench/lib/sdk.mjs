// Loads wechat-customer-service from its build (dist/, what npm users get) and sets up the
// benchmark's push pipeline on it. Missing parts make rows "n/a" instead of stopping the run.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ACCOUNT } from './pushes.mjs';

// BENCH_DIST measures another build of the package (a directory laid out like dist/).
export const DIST = process.env.BENCH_DIST
  ? pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`)
  : new URL('../../dist/', import.meta.url);

/** Imports `dist/<entry>` → `{ module }` or `{ error }` (not built, or a part still missing). */
export async function loadDist(entry = 'index.js') {
  const url = new URL(entry, DIST);
  if (!existsSync(url))
    return { error: `${process.env.BENCH_DIST ?? 'dist'}/${entry} missing: run npm run build` };
  try {
    return { module: await import(url.href) };
  } catch (error) {
    return { error: `dist/${entry}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A logger that drops everything but remembers the last error (a failed push must not go unseen). */
export function recordingLogger() {
  const seen = { warnings: 0, errors: 0, lastError: undefined };
  const drop = () => {};
  return {
    seen,
    logger: {
      debug: drop,
      info: drop,
      warn: () => {
        seen.warnings++;
      },
      error: (context, message) => {
        seen.errors++;
        seen.lastError = `${message} ${JSON.stringify(context).slice(0, 200)}`;
      },
    },
  };
}

/**
 * An Application for the benchmark account whose handler transfers text messages (DESIGN §7),
 * with de-duplication off (every push is served in full; DESIGN §7 "for benchmarks").
 * @param sdk the imported dist/index.js
 * @param {{ encrypted: boolean, dedupe?: boolean, cache?: unknown }} options
 */
export function createSdkApp(sdk, { encrypted, dedupe = false, cache }) {
  const { logger, seen } = recordingLogger();
  const app = new sdk.Application({
    appId: ACCOUNT.appId,
    secret: ACCOUNT.secret,
    token: ACCOUNT.token,
    ...(encrypted ? { aesKey: ACCOUNT.aesKey } : {}),
    ...(cache ? { cache } : {}),
    server: { dedupe },
    logger,
  });
  app.server.on('text', () => new sdk.TransferCustomerService());
  return { app, seen };
}

/** `(url, body) → Promise<{ status, body }>` through `app.server.serve()`. */
export function sdkServe(app) {
  return (url, body) => app.server.serve({ method: 'POST', url, headers: {}, body });
}
