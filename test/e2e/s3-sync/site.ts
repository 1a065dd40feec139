/** A small Vite-style build on disk, for the frontend end-to-end tests. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';

export const SITE: Record<string, string> = {
  'index.html':
    '<!doctype html><script type="module" src="/assets/index-BkL3x9aZ.js"></script><link rel="stylesheet" href="/assets/index-D8f2Qw1x.css">',
  'about/index.html': '<!doctype html><title>About</title>',
  'assets/index-BkL3x9aZ.js': 'console.log("dashboard v1");'.repeat(40),
  'assets/index-D8f2Qw1x.css': 'body{margin:0}'.repeat(30),
  'assets/logo-a1b2c3d4.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'favicon.ico': '\u0000\u0000\u0001\u0000icon',
  'robots.txt': 'User-agent: *\nAllow: /\n',
  'old.txt': 'soon gone',
};

export function writeSite(
  files: Record<string, string> = SITE,
  root = mkdtempSync(join(tmpdir(), 'site-')),
): string {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

export function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

/** Reads an object's headers straight from the S3 server (not through the recorded proxy). */
export async function headDirect(directUrl: string, bucket: string, key: string) {
  const client = new S3Client({
    endpoint: directUrl,
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'AKIASANDBOXEXAMPLE',
      secretAccessKey: 'sandbox-secret-access-key',
    },
  });
  const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  client.destroy();
  return out;
}
