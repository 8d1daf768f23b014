// A small static file server for www/ (no dependencies). Serves .wasm as application/wasm so the
// browser can stream-compile it. Options:
//   --port N   (default 8080; 0 picks a free port)    --host H (default 127.0.0.1)
//   --csp      add a strict Content-Security-Policy header to every response
// Prints "serving http://HOST:PORT/" once listening.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const port = Number(opt('--port', process.env.PORT ?? '8080'));
const host = opt('--host', '127.0.0.1');
const csp = args.includes('--csp');
const root = resolve(fileURLToPath(new URL('../www/', import.meta.url)));

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const server = createServer(async (req, res) => {
  const headers = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (csp) headers['Content-Security-Policy'] = STRICT_CSP;
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root + sep)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    res.writeHead(e.code === 'ENOENT' ? 404 : 500, { ...headers, 'Content-Type': 'text/plain' });
    res.end(e.code === 'ENOENT' ? 'not found' : 'error');
  }
});
server.listen(port, host, () => {
  const a = server.address();
  console.log(`serving http://${host}:${a.port}/ from ${root}${csp ? ' (strict CSP)' : ''}`);
});
