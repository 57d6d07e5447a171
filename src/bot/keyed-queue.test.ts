import { KeyedQueue } from './keyed-queue';

/** One conversation's turns run in order; different conversations do not wait for each other. */

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

it('runs tasks of one key one at a time, in order', async () => {
  const queue = new KeyedQueue();
  const gate = deferred();
  const order: string[] = [];
  const first = queue.run('a', async () => {
    await gate.promise;
    order.push('first');
  });
  const second = queue.run('a', async () => void order.push('second'));
  await Promise.resolve();
  expect(order).toEqual([]);
  gate.resolve();
  await Promise.all([first, second]);
  expect(order).toEqual(['first', 'second']);
});

it('does not hold other keys back', async () => {
  const queue = new KeyedQueue();
  const gate = deferred();
  const blocked = queue.run('a', () => gate.promise);
  await expect(queue.run('b', async () => 'b done')).resolves.toBe('b done');
  gate.resolve();
  await blocked;
});

it('a failed task does not stop the next one, and drain waits for all', async () => {
  const queue = new KeyedQueue();
  const failed = queue.run('a', async () => {
    throw new Error('boom');
  });
  const next = queue.run('a', async () => 'next');
  await expect(failed).rejects.toThrow('boom');
  await expect(next).resolves.toBe('next');
  await queue.drain();
  expect(queue.size).toBe(0);
});
