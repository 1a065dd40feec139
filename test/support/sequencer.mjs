/**
 * Jest's own order (last run's failures first, then the longest first, by file size when there
 * are no timings yet, as on a fresh clone), except that the pipeline e2e files start first
 * whatever the cache says: they are the longest on any machine, and started late they alone
 * would run on after every other file has ended.
 */
import Sequencer from '@jest/test-sequencer';

const FIRST = /[\\/]test[\\/]e2e[\\/]pipeline[\\/]/;

export default class PipelinesFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [
      ...sorted.filter((t) => FIRST.test(t.path)),
      ...sorted.filter((t) => !FIRST.test(t.path)),
    ];
  }
}
