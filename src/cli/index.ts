#!/usr/bin/env node
// The `wechat-cs` binary (DESIGN §9). Everything lives in ./main.js and ./run.js, so tests can
// run the CLI in process without this file's side effect.
import { main } from './main.js';

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`wechat-cs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
