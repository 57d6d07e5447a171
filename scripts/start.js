#!/usr/bin/env node
/**
 * Runs a compiled entry point with plain node: `node scripts/start.js src/main`
 * (`npm start`), `node scripts/start.js scripts/leads list` (`npm run leads`).
 * Builds dist/ first when it is missing or stale, so `npm install && npm start`
 * works on a fresh clone; otherwise the check costs a few milliseconds and
 * nothing of TypeScript is loaded.
 */
const path = require('node:path');
const { ensureBuilt, distFrom } = require('./build');

const { dist, rest } = distFrom(process.argv.slice(2));
const [entry, ...args] = rest;
if (!entry || !/^(src|scripts)\/[\w/-]+$/.test(entry)) {
  process.stderr.write('Usage: node scripts/start.js [--dist <folder>] <src/… or scripts/… entry, without .ts> [arguments]\n');
  process.exit(2);
}
try {
  ensureBuilt(dist);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
// The entry sees its own arguments, as if it had been started directly.
const compiled = path.join(dist, `${entry}.js`);
process.argv = [process.argv[0], compiled, ...args];
require(compiled);
