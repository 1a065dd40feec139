// Jest's globalTeardown: the run's temporary directory goes (test/support/scratch.mjs).
import { removeTestScratch } from './scratch.mjs';

export default function globalTeardown() {
  removeTestScratch();
}
