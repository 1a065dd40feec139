import { describe, expect, it } from '@jest/globals';
import { CancelledError } from '../../../src/lib/cancellation.js';
import {
  abortKind,
  Deadline,
  DeadlineExceededError,
  graceSignal,
  timedSignal,
  untilAborted,
} from '../../../src/lib/deadline.js';

const waitFor = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('Deadline', () => {
  it('tells the time left by its clock, never below zero', () => {
    let now = 1000;
    const d = Deadline.after(500, { clock: () => now });
    expect(d.at).toBe(1500);
    expect(d.remaining()).toBe(500);
    expect(d.cap(800)).toBe(500);
    expect(d.cap(100)).toBe(100);
    now = 1499;
    expect(d.expired()).toBe(false);
    now = 1500;
    expect(d.expired()).toBe(true);
    now = 9000;
    expect(d.remaining()).toBe(0);
    expect(d.cap(100)).toBe(0);
    d.dispose();
  });

  it('aborts its signal at the deadline with a DeadlineExceededError', async () => {
    const d = Deadline.after(20);
    expect(d.signal.aborted).toBe(false);
    await waitFor(d.signal);
    expect(d.signal.reason).toBeInstanceOf(DeadlineExceededError);
    expect(d.timedOut()).toBe(true);
    expect(d.cancelled()).toBe(false);
    expect(abortKind(d.signal)).toBe('timed-out');
  });

  it('aborts at once for a zero timeout', () => {
    const d = Deadline.after(0);
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut()).toBe(true);
  });

  it('aborts on cancellation with the cancellation reason, and not again at the deadline', async () => {
    const cancel = new AbortController();
    const d = Deadline.after(30, { signal: cancel.signal });
    cancel.abort(new CancelledError('SIGINT'));
    expect(d.signal.aborted).toBe(true);
    expect(d.cancelled()).toBe(true);
    expect(d.signal.reason).toBeInstanceOf(CancelledError);
    expect(abortKind(d.signal)).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect(d.signal.reason).toBeInstanceOf(CancelledError);
  });

  it('is cancelled from the start when the cancellation already fired', () => {
    const cancel = new AbortController();
    cancel.abort(new CancelledError('SIGTERM'));
    const d = Deadline.after(60_000, { signal: cancel.signal });
    expect(d.cancelled()).toBe(true);
  });

  it('dispose stops the timer and the listener', async () => {
    const cancel = new AbortController();
    const d = Deadline.after(20, { signal: cancel.signal });
    d.dispose();
    await new Promise((r) => setTimeout(r, 40));
    cancel.abort();
    expect(d.signal.aborted).toBe(false);
  });

  it('abortKind is undefined for a live signal', () => {
    expect(abortKind(new AbortController().signal)).toBeUndefined();
    expect(abortKind(undefined)).toBeUndefined();
  });
});

describe('timedSignal and graceSignal', () => {
  it('times out with a TimeoutError', async () => {
    const t = timedSignal(10);
    await waitFor(t.signal);
    expect((t.signal.reason as Error).name).toBe('TimeoutError');
  });
  it('follows its parent, and dispose stops it', async () => {
    const parent = new AbortController();
    const t = timedSignal(60_000, parent.signal);
    parent.abort(new Error('parent'));
    expect((t.signal.reason as Error).message).toBe('parent');
    const u = timedSignal(10, parent.signal);
    expect(u.signal.aborted).toBe(true);
    const v = timedSignal(10);
    v.dispose();
    await new Promise((r) => setTimeout(r, 30));
    expect(v.signal.aborted).toBe(false);
  });
  it('graceSignal ignores the deadline and fires on its own timer', async () => {
    const s = graceSignal(10);
    expect(s.aborted).toBe(false);
    await waitFor(s);
    expect((s.reason as Error).name).toBe('TimeoutError');
  });
});

describe('untilAborted', () => {
  it('rejects with the reason when the signal fires before the promise', async () => {
    const c = new AbortController();
    const never = new Promise<string>(() => undefined);
    setTimeout(() => c.abort(new Error('deadline')), 5);
    await expect(untilAborted(never, c.signal)).rejects.toThrow('deadline');
  });
  it('settles as the promise does otherwise, and absorbs a late rejection', async () => {
    const c = new AbortController();
    await expect(untilAborted(Promise.resolve(3), c.signal)).resolves.toBe(3);
    await expect(untilAborted(Promise.reject(new Error('no')), c.signal)).rejects.toThrow('no');
    let reject!: (e: Error) => void;
    const late = new Promise<void>((_, r) => (reject = r));
    c.abort(new Error('first'));
    await expect(untilAborted(late, c.signal)).rejects.toThrow('first');
    reject(new Error('late'));
    await new Promise((r) => setTimeout(r, 5));
  });
});
