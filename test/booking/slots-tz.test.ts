import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Slot arithmetic must not depend on the server's zone. The slot rules file is
 * run again in two process zones either side of UTC (the main run is whatever
 * the machine has, usually UTC).
 */
const root = path.resolve(__dirname, '../..');

describe.each(['America/New_York', 'Asia/Kolkata'])('src/booking/slots.test.ts with TZ=%s', (tz) => {
  it('passes', () => {
    const run = spawnSync('npx', ['jest', '--ci', 'src/booking/slots.test.ts'], {
      cwd: root,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`jest under TZ=${tz} failed:\n${run.stdout}\n${run.stderr}`);
    expect(run.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  }, 120_000);
});
