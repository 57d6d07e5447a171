import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { NOW, openService, registerAda, tempDataDir, WEDNESDAY_0900 } from './fixtures';

/**
 * Never double-booked across processes: separate Node processes share one data
 * folder, each opens the records file, reports ready, and all are told "go"
 * at once. Exactly one gets the slot.
 */
const root = path.resolve(__dirname, '../..');

function child(dataDir: string, leadId: string): { proc: ChildProcessWithoutNullStreams; ready: Promise<void>; result: Promise<{ ok: boolean; reason?: string }> } {
  const proc = spawn('npx', ['tsx', 'test/booking/confirm-slot.ts', dataDir, leadId, WEDNESDAY_0900], { cwd: root });
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<{ ok: boolean; reason?: string }>((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('ready\n')) markReady();
    });
    proc.stderr.on('data', (chunk) => (err += chunk));
    proc.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`child exited ${code}: ${out}\n${err}`));
      else resolve(JSON.parse(last));
    });
  });
  return { proc, ready, result };
}

it('four processes race for one slot with one practitioner: one booking, three slot-taken', async () => {
  const dataDir = tempDataDir();
  const setup = await openService(dataDir);
  const leadIds: string[] = [];
  for (let i = 0; i < 4; i += 1) leadIds.push(await registerAda(setup));
  await setup.close();

  const children = leadIds.map((leadId) => child(dataDir, leadId));
  await Promise.all(children.map((c) => c.ready));
  children.forEach((c) => c.proc.stdin.end('go\n'));
  const results = await Promise.all(children.map((c) => c.result));

  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).map((r) => r.reason)).toEqual(['slot-taken', 'slot-taken', 'slot-taken']);

  const after = await openService(dataDir);
  expect((await after.leads.listLeads()).filter((l) => l.booking?.status === 'confirmed')).toHaveLength(1);
  expect((await after.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 1 }))[0].id).not.toBe(WEDNESDAY_0900);
  await after.close();
}, 120_000);
