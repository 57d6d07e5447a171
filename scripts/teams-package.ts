import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { parseConfig } from '../src/config/config';
import { teamsCopy } from '../src/channels/teams/copy';
import { colorIcon, outlineIcon } from '../src/channels/teams/icons';
import { buildManifest, COLOR_ICON, OUTLINE_ICON } from '../src/channels/teams/manifest';

/**
 * `npm run teams:package`: the Teams app package, dist/teams/scoping-bot.zip
 * (manifest.json, color.png, outline.png at the zip's root), from the same
 * configuration the server reads. `--out <file>` writes elsewhere.
 */

export async function buildPackage(
  env: Record<string, string | undefined>,
): Promise<{ ok: true; zip: Buffer; warnings: string[] } | { ok: false; problems: string[] }> {
  const parsed = parseConfig(env);
  if (!parsed.ok) return { ok: false, problems: parsed.error.problems };
  const built = buildManifest(parsed.config);
  if (!built.ok) return built;
  const zip = new JSZip();
  // A fixed date keeps the zip byte-identical between runs with the same configuration.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(built.manifest, null, 2)}\n`, { date });
  zip.file(COLOR_ICON, colorIcon(teamsCopy().app.accentColor), { date });
  zip.file(OUTLINE_ICON, outlineIcon(), { date });
  return { ok: true, warnings: built.warnings, zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'dist/teams/scoping-bot.zip');
  const result = await buildPackage(process.env);
  if (!result.ok) {
    process.stderr.write(`Cannot build the Teams package:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  for (const warning of result.warnings) process.stderr.write(`Warning: ${warning}\n`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, result.zip);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), out)} (${result.zip.length} bytes)\n`);
}

if (require.main === module) void main();
