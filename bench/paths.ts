/** Where the benchmarks find the pack's bundles and the AWS CLI they compare with. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's awscli (scripts/system-packages.sh installs it). */
export const AWS = '/usr/bin/aws';
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The bundles measured: `dist/`, or another build's folder in PACK_DIST_DIR. */
export const DIST = process.env.PACK_DIST_DIR ?? join(ROOT, 'dist');
