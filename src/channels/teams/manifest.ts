import type { Config } from '../../config/config';
import { teamsCopy } from './copy';

/**
 * manifest.json for the Teams app package, schema v1.22 (checked in tests
 * against the schema @microsoft/app-manifest ships). The bot id is the Azure
 * Bot's Microsoft App ID; the app id is the Teams app's own, fixed per firm.
 */

export const MANIFEST_VERSION = '1.22';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';

export type ManifestResult = { ok: true; manifest: Record<string, unknown>; warnings: string[] } | { ok: false; problems: string[] };

/**
 * The bot id used when MicrosoftAppId is unset, so the package can be built and
 * validated before the Azure Bot exists. Teams accepts the upload but cannot
 * reach a bot under this id: the warning says so.
 */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildManifest(config: Config): ManifestResult {
  const botId = config.auth.appId ?? PLACEHOLDER_BOT_ID;
  const warnings: string[] = [];
  if (!config.auth.appId) {
    warnings.push(
      `MicrosoftAppId is not set: the package uses the placeholder bot id ${PLACEHOLDER_BOT_ID}. ` +
        'Teams will accept it but cannot reach the bot; set MicrosoftAppId to the Azure Bot\'s Microsoft App ID and build again before uploading.',
    );
  } else if (!GUID.test(botId)) return { ok: false, problems: [`MicrosoftAppId: expected a GUID (got "${botId}")`] };
  const app = teamsCopy().app;
  const domains = config.publicBaseUrl ? [new URL(config.publicBaseUrl).host] : [];
  return {
    ok: true,
    warnings,
    manifest: {
      $schema: MANIFEST_SCHEMA_URL,
      manifestVersion: MANIFEST_VERSION,
      version: config.teams.appVersion,
      id: config.teams.appId,
      developer: {
        name: config.teams.developer.name,
        websiteUrl: config.teams.developer.websiteUrl,
        privacyUrl: config.privacy.noticeUrl,
        termsOfUseUrl: config.privacy.termsUrl,
      },
      name: { short: app.shortName, full: app.fullName },
      description: { short: app.shortDescription, full: app.fullDescription },
      icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
      accentColor: app.accentColor,
      bots: [
        {
          botId,
          scopes: ['personal', 'team'],
          isNotificationOnly: false,
          supportsFiles: false,
          supportsCalling: false,
          supportsVideo: false,
          commandLists: [
            {
              scopes: ['personal'],
              commands: [
                { title: 'start', description: 'Start the scoping questions' },
                { title: 'book a call', description: 'Book a 30-minute scoping call' },
                { title: 'help', description: 'What I can do' },
              ],
            },
            {
              scopes: ['team'],
              commands: [
                { title: 'register briefs here', description: 'Practitioners: post new booking briefs in this channel' },
                { title: 'stop briefs here', description: 'Practitioners: stop posting briefs in this channel' },
              ],
            },
          ],
        },
      ],
      permissions: ['identity', 'messageTeamMembers'],
      validDomains: domains,
    },
  };
}
