// What `vite build` writes: dist/index.html and hashed files under dist/assets/.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const api = process.env.VITE_API_BASE_URL;
if (!api) throw new Error('VITE_API_BASE_URL is not set');
const js = `window.API_BASE=${JSON.stringify(api)};\n${readFileSync('src/main.js', 'utf8')}`;
const name = `index-${createHash('sha256').update(js).digest('hex').slice(0, 8)}.js`;
mkdirSync('dist/assets', { recursive: true });
writeFileSync(`dist/assets/${name}`, js);
writeFileSync(
  'dist/index.html',
  `<!doctype html><div id="app"></div><script src="/assets/${name}"></script>\n`,
);
