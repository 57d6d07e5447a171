#!/usr/bin/env node
/**
 * `npm run build`: compiles the TypeScript to dist/ (tsconfig.build.json) and
 * copies the files the server reads at run time beside it, so code in
 * dist/src finds them at the same relative paths as code in src/ does
 * (`dist/src/intents/content.js` → `dist/content/`).
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, and
 * `npm start` (scripts/start.js) calls `ensureBuilt()` on every launch, so
 * its up-to-date check must cost milliseconds, not a TypeScript start-up.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** Written last, after a build that succeeded: its time is the build's. */
const STAMP = '.built';
/** What the compiled code is made from. */
const SOURCES = ['src', 'machines', 'dialogs', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Read from disk at run time, relative to the module reading them; copied as they are. */
const RUNTIME_FILES = ['content', 'web', 'teams/copy.json'];

/** The newest modification time under `target` (a file or a folder), skipping tests. */
function newestChange(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.ts$/.test(target) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs; // a file deleted or renamed inside changes its folder
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
function staleReason(dist = DIST) {
  let built;
  try {
    built = fs.statSync(path.join(dist, STAMP)).mtimeMs;
  } catch {
    return 'nothing is built there yet';
  }
  const changed = [...SOURCES, ...RUNTIME_FILES].find((entry) => newestChange(path.join(ROOT, entry)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/**
 * `dist` must lie inside the project (dist/ or a folder under .scratch/ for
 * tests), so the compiled code still finds node_modules by walking up.
 */
function build(dist = DIST) {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const tscArgs = ['-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', dist, '--tsBuildInfoFile', path.join(dist, '.tsbuildinfo')];
  const compiled = spawnSync(process.execPath, [tsc, ...tscArgs], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (compiled.status !== 0) {
    throw new Error(`TypeScript compilation failed (exit ${compiled.status ?? compiled.signal}); dist/ was not updated.`);
  }
  for (const entry of RUNTIME_FILES) {
    const from = path.join(ROOT, entry);
    const to = path.join(dist, entry);
    // Replaced whole, so a file removed from content/ is not still loaded from dist/.
    fs.rmSync(to, { recursive: true, force: true });
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true, filter: (file) => !/\.test\.ts$/.test(file) });
  }
  trainModels(dist);
  fs.writeFileSync(path.join(dist, STAMP), `${new Date().toISOString()}\n`);
}

/**
 * Trains the intent recogniser and the answer reader's networks once, with
 * the code just compiled, and keeps them in dist/models
 * (src/intents/model-cache.ts), so a start (or a first typed answer) loads
 * them instead of training. Named by a hash of what it was trained from: a server
 * whose content differs trains for itself and never loads this one.
 */
function trainModels(dist) {
  const models = path.join(dist, 'models');
  fs.rmSync(models, { recursive: true, force: true });
  const script = `
    const { loadIntentContent } = require('./src/intents/content');
    const { createRecogniser } = require('./src/intents/recogniser');
    const { folderModelCache } = require('./src/intents/model-cache');
    const loaded = loadIntentContent();
    if (!loaded.ok) { console.error(loaded.errors.join('\\n')); process.exit(1); }
    const cache = folderModelCache({ readFrom: [], writeTo: ${JSON.stringify(models)}, onWriteError: (e) => { console.error(e); process.exit(1); } });
    // The answer reader's networks too: no visitor's first typed answer pays for training.
    const { createReader, TRAINING_STEPS } = require('./src/answers/reader');
    const reader = createReader({ models: cache });
    for (const step of TRAINING_STEPS) reader.train(step);
    createRecogniser(loaded.content, { models: cache }).catch((e) => { console.error(e); process.exit(1); });`;
  const trained = spawnSync(process.execPath, ['-e', script], { cwd: dist, stdio: ['ignore', 'inherit', 'inherit'] });
  if (trained.status !== 0) throw new Error(`Training the intent model or the answer reader's networks failed (exit ${trained.status ?? trained.signal}); dist/ was not updated.`);
}

/** Builds when dist/ is missing or older than its sources; says so on stderr. */
function ensureBuilt(dist = DIST) {
  const reason = staleReason(dist);
  if (!reason) return false;
  process.stderr.write(`Building ${path.relative(ROOT, dist)}/ (${reason})…\n`);
  build(dist);
  return true;
}

/** `--dist <folder>` at the front of the arguments, else dist/; the rest. */
function distFrom(args) {
  if (args[0] !== '--dist') return { dist: DIST, rest: args };
  return { dist: path.resolve(ROOT, args[1] ?? ''), rest: args.slice(2) };
}

module.exports = { ensureBuilt, build, staleReason, distFrom, DIST };

if (require.main === module) {
  try {
    const { dist } = distFrom(process.argv.slice(2));
    build(dist);
    process.stdout.write(`Built ${path.relative(process.cwd(), dist) || '.'}/\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
