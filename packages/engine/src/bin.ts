// Standalone entry: `npx tsx packages/engine/src/bin.ts pack test packs/wuxing`.
import { runPackCli } from './cli';

process.exitCode = await runPackCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
