// Builds the customer portal into dist/portal and the admin console into dist/admin, and prints
// each bundle's size (raw and gzip).
// Run by the root `postinstall`, so `npm ci && npm start` serves it; the end-to-end tests
// rebuild it when a source file is newer than the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

// Each app has its own root, base path and output; they share src/shared and the config's plugins.
const APPS = [
  { name: 'portal', base: '/portal/' },
  { name: 'admin', base: '/admin/' },
];

for (const app of APPS) {
  const outDir = path.join(root, 'dist', app.name);
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    root: path.join(root, 'src', app.name),
    base: app.base,
    build: { outDir, emptyOutDir: true },
    logLevel: process.env.PORTAL_BUILD_QUIET ? 'warn' : 'info',
  });

  const totals = { js: [0, 0], css: [0, 0], other: [0, 0] };
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const data = fs.readFileSync(full);
        const kind = entry.name.endsWith('.js') ? 'js' : entry.name.endsWith('.css') ? 'css' : 'other';
        totals[kind][0] += data.length;
        totals[kind][1] += gzipSync(data).length;
      }
    }
  };
  walk(outDir);
  const all = [totals.js, totals.css, totals.other].reduce((sum, [raw, gz]) => [sum[0] + raw, sum[1] + gz], [0, 0]);
  console.log(
    `${app.name} bundle: JS ${kb(totals.js[0])} (${kb(totals.js[1])} gzip), CSS ${kb(totals.css[0])} (${kb(totals.css[1])} gzip), ` +
      `total ${kb(all[0])} (${kb(all[1])} gzip) in ${path.relative(process.cwd(), outDir) || outDir}`,
  );
}
