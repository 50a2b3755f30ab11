#!/usr/bin/env node
// Entry point of `npx workbench`: runs the built CLI bundle (built by `npm install` via the prepare script).
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  console.error('workbench: the engine is not built yet; run `npm run build` (npm install does it for you).');
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then(
  (code) => { if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code; },
  (error) => { console.error(error); process.exitCode = 1; },
);
