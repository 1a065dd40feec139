// A static export like `next build` with output: 'export' writes: out/index.html and hashed assets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const api = process.env.NEXT_PUBLIC_API_URL;
if (!api) throw new Error('NEXT_PUBLIC_API_URL is not set');
const script = `window.CBI_API=${JSON.stringify(api)};window.CBI_WS=${JSON.stringify(process.env.NEXT_PUBLIC_WS_URL ?? '')};`;
const hash = createHash('sha256').update(script).digest('hex').slice(0, 12);
mkdirSync('out/_next/static/chunks', { recursive: true });
writeFileSync(`out/_next/static/chunks/app-${hash}.js`, script);
writeFileSync(
  'out/index.html',
  `<!doctype html><title>CBI dashboard</title><script src="/_next/static/chunks/app-${hash}.js"></script>\n`,
);
