#!/usr/bin/env node
// The launcher: loads the bundled CLI and turns its result into an exit status.
// An error here is a bug in tfui, never a user's mistake: report it briefly.
let main;
try {
  const { loadCli } = await import('../dist/launcher.js');
  main = await loadCli();
} catch (error) {
  if (error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ENOENT') && /dist\/(launcher|cli\.bundle)\.js/.test(String(error.message))) {
    process.stderr.write('tfui: not built yet; run `npm run build` (npm ci and npm install do it for you)\n');
    process.exit(70);
  }
  throw error;
}

main(process.argv.slice(2)).then(
  (status) => exit(status),
  (error) => {
    process.stderr.write(`tfui: internal error: ${error && error.stack ? error.stack : error}\n`);
    exit(70);
  },
);

function exit(status) {
  // Let buffered output reach a pipe before the process goes.
  process.stdout.write('', () => process.exit(status));
}
