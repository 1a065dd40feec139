// What `vite build` writes: dist/index.html and hashed files under dist/assets/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
// As Vite does: .env gives the defaults, the process environment overrides them.
const dotenv = existsSync('.env')
  ? Object.fromEntries(
      readFileSync('.env', 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => l.split(/=(.*)/s, 2)),
    )
  : {};
const api = process.env.VITE_API_BASE_URL ?? dotenv.VITE_API_BASE_URL;
if (!api) throw new Error('VITE_API_BASE_URL is not set');
const js = `window.API_BASE=${JSON.stringify(api)};\n${readFileSync('src/main.js', 'utf8')}`;
const name = `index-${createHash('sha256').update(js).digest('hex').slice(0, 8)}.js`;
mkdirSync('dist/assets', { recursive: true });
writeFileSync(`dist/assets/${name}`, js);
writeFileSync(
  'dist/index.html',
  `<!doctype html><div id="app"></div><script src="/assets/${name}"></script>\n`,
);
