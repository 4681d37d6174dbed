import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// One app per base path: the customer portal at /portal/; the admin console will get its own
// entry (src/admin) and base, sharing src/shared.
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
