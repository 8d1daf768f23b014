#!/usr/bin/env node
// Where a wasm module's bytes are: code bytes per crate (from the function names in the module's
// "name" section, so run it on cargo's output, before wasm-opt strips names) and the data segments.
//   node scripts/wasm-sizes.mjs target/web/wasm32-unknown-unknown/release/hrs_widget.wasm [--top 15] [--dump]
// A crate is the first path segment of a function's name (`<T as Trait>` counts for T's crate;
// `hrs_widget::…` is split one level further, so the policy, engine and ui show apart).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/wasm-sizes.mjs FILE.wasm [--top N]');
  process.exit(2);
}
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 15;
const buf = readFileSync(file);
let p = 8;
const leb = () => {
  let r = 0;
  let shift = 0;
  for (;;) {
    const b = buf[p++];
    r += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return r;
  }
};
const sections = [];
while (p < buf.length) {
  const id = buf[p++];
  const size = leb();
  sections.push({ id, start: p, size });
  p += size;
}
let imported = 0;
const codeSizes = [];
let dataBytes = 0;
const names = new Map();
for (const s of sections) {
  p = s.start;
  if (s.id === 2) { // imports: functions among them take the first indices
    const n = leb();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) p += leb(); // module, field
      const kind = buf[p++];
      if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 3) { p += 2; }
    }
  } else if (s.id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const size = leb();
      codeSizes.push(size);
      p += size;
    }
  } else if (s.id === 11) {
    dataBytes = s.size;
  } else if (s.id === 0) {
    const nameLen = leb();
    const name = buf.subarray(p, p + nameLen).toString('utf8');
    p += nameLen;
    if (name !== 'name') continue;
    while (p < s.start + s.size) {
      const sub = buf[p++];
      const len = leb();
      const end = p + len;
      if (sub === 1) {
        const n = leb();
        for (let i = 0; i < n; i++) {
          const idx = leb();
          const l = leb();
          names.set(idx, buf.subarray(p, p + l).toString('utf8'));
          p += l;
        }
      }
      p = end;
    }
  }
}
// Rust's v0 mangling (`_R…`): the first crate root `C[s<hash>_]<len><name>` is the outermost
// path's crate (an instantiation counts for the generic code's crate, as in `twiggy`'s view).
const crateOf = (name) => {
  if (!name) return '(unnamed)';
  let crate;
  let rest;
  if (name.startsWith('_R')) {
    const m = name.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/);
    if (!m) return '(other)';
    const at = m.index + m[0].length;
    crate = name.slice(at, at + Number(m[1]));
    rest = name.slice(at + Number(m[1]));
    if (crate === 'hrs_widget') {
      const sub = rest.match(/^(\d+)([A-Za-z_]\w*)/);
      if (sub) crate += `::${sub[2].slice(0, Number(sub[1]))}`;
    }
    return crate;
  }
  const m = name.replace(/^<+/, '').match(/^([A-Za-z_]\w*)(?:::([A-Za-z_]\w*))?/);
  if (!m) return '(other)';
  return m[1] === 'hrs_widget' && m[2] ? `hrs_widget::${m[2]}` : m[1];
};
const byCrate = new Map();
let code = 0;
codeSizes.forEach((size, i) => {
  const c = crateOf(names.get(imported + i));
  byCrate.set(c, (byCrate.get(c) ?? 0) + size);
  code += size;
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// --dump: every function as "size<TAB>name", to attribute by pattern (e.g. the instantiations
// that deserialise the edition's types: grep their names).
if (process.argv.includes('--dump')) {
  codeSizes.forEach((size, i) => console.log(`${size}\t${names.get(imported + i) ?? ''}`));
  process.exit(0);
}
console.log(`${file}: ${kb(buf.length)} total, code ${kb(code)} in ${codeSizes.length} functions, data ${kb(dataBytes)}`);
for (const [c, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${c.padEnd(28)} ${kb(size).padStart(10)}  ${(100 * size / code).toFixed(1)} %`);
}
