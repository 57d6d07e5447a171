import { createPool, type Pool } from '../db/postgres';
import { BACKENDS } from '../../test/support/backends';
import { PostgresTurnLock } from './turn-lock';

/** One turn at a time per conversation across instances (two pools stand for two instances). */

const postgres = BACKENDS.find((b) => b.name === 'postgres');
const describeWithPostgres = postgres ? describe : describe.skip;
if (!postgres) it.skip('needs PostgreSQL (see the message from the test set-up)', () => undefined);

describeWithPostgres('the turn lock on postgres', () => {
  let pools: Pool[];
  beforeEach(async () => {
    const env = await postgres!.freshEnv();
    pools = [createPool(env.DATABASE_URL, 2), createPool(env.DATABASE_URL, 2)];
  });
  afterEach(() => Promise.all(pools.map((p) => p.end())));

  const waiting = async (pool: Pool) => Number((await pool.query(`SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0].n);

  it('a turn of a conversation on instance B waits until the one on instance A has finished; other conversations do not wait', async () => {
    const [a, b] = pools.map((pool) => new PostgresTurnLock(pool));
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = a.run('conversation/directline/c1', async () => {
      order.push('A starts');
      await gate;
      order.push('A ends');
    });
    while (order.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const second = b.run('conversation/directline/c1', async () => void order.push('B runs'));
    while ((await waiting(pools[0])) === 0) await new Promise((resolve) => setImmediate(resolve)); // B is queued on the lock
    await b.run('conversation/directline/other', async () => void order.push('other runs'));
    expect(order).toEqual(['A starts', 'other runs']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['A starts', 'other runs', 'A ends', 'B runs']);
  });

  it('a turn that fails releases the lock', async () => {
    const lock = new PostgresTurnLock(pools[0]);
    await expect(lock.run('c2', async () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
    expect(await lock.run('c2', async () => 'next turn')).toBe('next turn');
  });
});
