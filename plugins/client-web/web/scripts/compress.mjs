// SPDX-License-Identifier: GPL-3.0-or-later
// Writes <file>.gz and <file>.br beside every text asset of the built console, so that
// client.web can send the compressed copy the browser accepts (docs/client-web.md).
// Usage: node scripts/compress.mjs DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const kText = /\.(html|js|mjs|css|svg|json|txt|map|webmanifest)$/;
const kMaxDepth = 8;

function walk(dir, depth, out) {
  if (depth > kMaxDepth) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) walk(path, depth + 1, out);
    else if (info.isFile() && kText.test(name)) out.push(path);
  }
  return out;
}

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: node scripts/compress.mjs DIR');
  process.exit(2);
}
let count = 0;
for (const file of walk(dir, 0, [])) {
  const data = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  count++;
}
console.log(`compressed ${count} files in ${dir}`);
