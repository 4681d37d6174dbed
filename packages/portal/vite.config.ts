import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// One app per base path, sharing src/shared: this config is the customer portal at /portal/;
// scripts/build.mjs also builds the admin console (root src/admin, base /admin/, dist/admin) with it.
export default defineConfig({
  root: here('./src/portal'),
  base: '/portal/',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: here('./dist/portal'),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400,
  },
});
