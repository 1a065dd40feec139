/** Types for scripts/dist-inputs.mjs (imported by test/build/dist.test.ts). */
export function distInputFiles(root: string): string[];
export function actionNames(root: string): string[];
export function bundledPackages(root: string): string;
export function distInputsHash(root: string): string;
