import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Days and times in words must not depend on the server's zone: the file that
 * specifies them runs again in process zones either side of UTC, one of them
 * on the other side of the date line from London for part of the day.
 */
const root = path.resolve(__dirname, '../..');

describe.each(['America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'])('dialogs/understand/when.test.ts with TZ=%s', (tz) => {
  it('passes', () => {
    const run = spawnSync('npx', ['jest', '--ci', 'dialogs/understand/when.test.ts'], {
      cwd: root,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`jest under TZ=${tz} failed:\n${run.stdout}\n${run.stderr}`);
    expect(run.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  }, 120_000);
});
