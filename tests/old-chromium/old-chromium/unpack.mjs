// Unpacks the Chromium builds of this folder's npm packages (brotli bin/chromium.br plus
// bin/*.tar.br libraries) into <out>/<name>/, once: a stamp records the package version.
//   node tests/old-chromium/unpack.mjs [out]   → prints "<name> <path to chromium>" per build
// Run with LD_LIBRARY_PATH=<out>/<name>/lib (the packages' own libnss etc. where they ship them).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
export const BUILDS = ['chromium-83', 'chromium-90', 'chromium-92', 'chromium-106', 'chromium-110'];

/** Unpacks one build if needed; returns { name, dir, executable } or null when not installed. */
export function unpack(name, out = resolve(here, '../../target/old-chromium')) {
  const pkgDir = join(here, 'node_modules', name);
  if (!existsSync(join(pkgDir, 'bin', 'chromium.br'))) return null;
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const dir = join(out, name);
  const executable = join(dir, 'chromium');
  const stamp = join(dir, '.unpacked');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version && existsSync(executable)) {
    return { name, dir, executable };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(join(pkgDir, 'bin'))) {
    const bytes = brotliDecompressSync(readFileSync(join(pkgDir, 'bin', f)));
    if (f === 'chromium.br') {
      writeFileSync(executable, bytes);
      chmodSync(executable, 0o755);
    } else if (f.endsWith('.tar.br')) {
      const r = spawnSync('tar', ['-x', '-C', dir], { input: bytes });
      if (r.status !== 0) throw new Error(`tar ${f}: ${r.stderr}`);
    }
  }
  writeFileSync(stamp, version);
  return { name, dir, executable };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of BUILDS) {
    const b = unpack(name, process.argv[2] && resolve(process.argv[2]));
    console.log(b ? `${name} ${b.executable}` : `${name} (not installed)`);
  }
}
