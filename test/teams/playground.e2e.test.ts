import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testConfig } from '../../src/config/config';
import { createTeamsChannel, type TeamsChannel } from '../../src/channels/teams';
import { startServer, type RunningServer } from '../../src/server/app';
import { describeInChromium, launch, screenshot } from '../browser/chromium';
import { freePort } from '../support/free-port';

/**
 * End to end in the Microsoft 365 Agents Playground's Teams emulation
 * (`agentsplayground -c msteams`, offline, on loopback), driven in headless
 * Chromium: the real server with the Teams channel wired the way app.ts
 * should wire it; the user types, clicks a card button, and the answered
 * card loses its buttons.
 */

const CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

function startPlayground(botUrl: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '-e', botUrl, '-c', 'msteams', '-p', String(port), '--dt'], {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes(`Listening on ${port}`)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`playground exited (${code}): ${out}`)));
  });
}

describeInChromium('Teams emulation in the Agents Playground', () => {
  let server: RunningServer;
  let teams: TeamsChannel;
  let playground: ChildProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-playground-'));
    const config = testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    server = await startServer(config);
    teams = createTeamsChannel({ config, adapter: server.adapter, bot: server.bot, booking: server.services.turn.booking, leads: server.services.turn.leads, logger: server.logger, dataDir });
    teams.start();
    const port = await freePort();
    playground = await startPlayground(`${server.url}/api/messages`, port);
    browser = await launch();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    playground?.kill();
    await teams?.stop();
    await server?.stop();
  });

  it('welcomes, asks the first question on "start", and a card click moves on and freezes the answered card', async () => {
    await page.getByText('Which standard do we need?').first().waitFor();
    const input = page.locator('[contenteditable="true"], textarea, input[type="text"]').first();
    await input.click();
    await page.keyboard.type('start');
    await page.keyboard.press('Enter');
    await page.getByText('Question 1 of 7').first().waitFor();
    await screenshot(page, 'teams-playground-question-1');

    await page.getByRole('button', { name: 'AI in production' }).last().click();
    await page.getByText('Question 2 of 7').first().waitFor();
    await page.getByText('✓ AI in production').first().waitFor(); // the answered card, rewritten through updateActivity
    expect(await page.getByRole('button', { name: 'AI in production' }).count()).toBe(0);
    await screenshot(page, 'teams-playground-question-2');
  }, 60_000);
});
