import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildPackage } from '../../scripts/teams-package';
import { MANIFEST_VERSION } from '../../src/channels/teams/manifest';

/** The Teams app package: a manifest valid against Microsoft's published schema, and two real icons. */

const SCHEMA_FILE = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams',
  `v${MANIFEST_VERSION}`,
  'MicrosoftTeams.schema.json',
);

const ENV = {
  MicrosoftAppId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  MicrosoftAppPassword: 'not-a-real-secret',
  PRIVACY_NOTICE_URL: 'https://firm.example/privacy',
  TERMS_URL: 'https://firm.example/terms',
  TEAMS_DEVELOPER_WEBSITE: 'https://firm.example',
  PUBLIC_BASE_URL: 'https://bot.firm.example',
};

async function unpack(env: Record<string, string> = ENV) {
  const built = await buildPackage(env);
  if (!built.ok) throw new Error(built.problems.join('\n'));
  const zip = await JSZip.loadAsync(built.zip);
  return { zip, manifest: JSON.parse(await zip.file('manifest.json')!.async('string')) };
}

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));
}

describe('the Teams app package', () => {
  it('holds exactly manifest.json, color.png and outline.png at its root', async () => {
    const { zip } = await unpack();
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has a manifest valid against the Teams schema it names', async () => {
    const { manifest } = await unpack();
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    const validate = validator();
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('takes the bot id, URLs and developer from configuration; scopes personal and team', async () => {
    const { manifest } = await unpack();
    expect(manifest.bots[0].botId).toBe(ENV.MicrosoftAppId);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team']);
    expect(manifest.developer).toEqual({
      name: 'QL Security',
      websiteUrl: 'https://firm.example',
      privacyUrl: 'https://firm.example/privacy',
      termsOfUseUrl: 'https://firm.example/terms',
    });
    expect(manifest.id).toBe('6f1c2b0e-4a3d-4e8f-9b27-5d0c8a1e7f42');
    expect(manifest.description.short.length).toBeGreaterThan(10);
    expect(manifest.description.full.length).toBeGreaterThan(manifest.description.short.length);
    expect(manifest.validDomains).toEqual(['bot.firm.example']);
  });

  it('a schema check is not a rubber stamp: a broken manifest fails it', async () => {
    const { manifest } = await unpack();
    const validate = validator();
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] })).toBe(false);
    expect(validate({ ...manifest, description: { short: manifest.description.short } })).toBe(false);
  });

  it('without a bot id, builds a valid package with a placeholder id and a warning naming the variable', async () => {
    const built = await buildPackage({ PRIVACY_NOTICE_URL: 'https://firm.example/privacy' });
    if (!built.ok) throw new Error(built.problems.join('\n'));
    expect(built.warnings).toEqual([expect.stringMatching(/^MicrosoftAppId is not set: .*placeholder bot id 0{8}-/)]);
    const manifest = JSON.parse(await (await JSZip.loadAsync(built.zip)).file('manifest.json')!.async('string'));
    expect(manifest.bots[0].botId).toBe('00000000-0000-0000-0000-000000000000');
    const validate = validator();
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('with a bot id configured, builds without warnings; a bot id that is not a GUID is refused, naming the variable', async () => {
    const built = await buildPackage(ENV);
    expect(built.ok && built.warnings).toEqual([]);
    const bad = await buildPackage({ ...ENV, MicrosoftAppId: 'my-bot' });
    expect(bad).toEqual({ ok: false, problems: [expect.stringMatching(/^MicrosoftAppId: expected a GUID/)] });
  });

  it('the colour icon is 192×192 and opaque, in more than one colour', async () => {
    const { zip } = await unpack();
    const png = PNG.sync.read(await zip.file('color.png')!.async('nodebuffer'));
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) {
      expect(png.data[i + 3]).toBe(255);
      colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    }
    expect(colours.size).toBeGreaterThan(2);
  });

  it('the outline icon is 32×32, white on transparent, with a drawn shape', async () => {
    const { zip } = await unpack();
    const png = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    expect([png.width, png.height]).toEqual([32, 32]);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3];
      if (alpha === 0) transparent += 1;
      else {
        drawn += 1;
        expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(drawn).toBeGreaterThan(32 * 32 * 0.1);
  });

  it('is byte-identical between two builds with the same configuration', async () => {
    const a = await buildPackage(ENV);
    const b = await buildPackage(ENV);
    expect(a.ok && b.ok && a.zip.equals(b.zip)).toBe(true);
  });
});
