// A Vite-like build: dist/index.html and a content-hashed asset under dist/assets/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const script = 'document.title = "CBI dashboard";';
const hash = createHash('sha256').update(script).digest('hex').slice(0, 8);
mkdirSync('dist/assets', { recursive: true });
writeFileSync(`dist/assets/index-${hash}.js`, script);
writeFileSync(
  'dist/index.html',
  `<!doctype html><title>CBI dashboard</title><script src="/assets/index-${hash}.js"></script>\n`,
);
