/** A fake clock whose sleep advances time at once and records each wait (for retry and poll loops). */
export function fakeTime(start = 1_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    advance: (ms: number) => (now += ms),
  };
}
