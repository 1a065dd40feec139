/**
 * Free host ports for service containers: below the kernel's ephemeral range (where listen(0)
 * and outgoing connections never land), held by a lock so two jobs never get the same one, and
 * never one that something already listens on.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { acquireFreePort, type PortLock } from '../../../pipeline/port-lock.js';

const held: PortLock[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((l) => l.release()));
});

const ephemeralStart = () =>
  Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);

/** The same "random" answers every time: each call of acquireFreePort tries the same ports. */
const replay = (...values: number[]) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
};

describe('acquireFreePort', () => {
  it('takes a port below the ephemeral range, and a held one is not handed out twice', async () => {
    const first = await acquireFreePort(replay(0.5, 0.25));
    held.push(first.lock);
    const second = await acquireFreePort(replay(0.5, 0.25));
    held.push(second.lock);
    expect(first.port).toBeLessThan(ephemeralStart());
    expect(first.port).toBeGreaterThanOrEqual(Math.floor(ephemeralStart() / 2));
    expect(second.port).not.toBe(first.port);
    // Released, the first port is free again for the next job.
    await first.lock.release();
    held.shift();
    const third = await acquireFreePort(replay(0.5, 0.25));
    held.push(third.lock);
    expect(third.port).toBe(first.port);
  });

  it('skips a port another program listens on', async () => {
    const probe = await acquireFreePort(replay(0.75));
    await probe.lock.release();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(probe.port, '127.0.0.1', resolve));
    try {
      const got = await acquireFreePort(replay(0.75, 0.1));
      held.push(got.lock);
      expect(got.port).not.toBe(probe.port);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
