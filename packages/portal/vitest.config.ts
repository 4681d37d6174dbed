import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests (*.test.tsx) in a DOM. Pure-logic tests (*.test.ts) run under node:test with the rest of the repository.
export default defineConfig({
  plugins: [react()],
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['./src/shared/testing/setup-dom.ts'],
    restoreMocks: true,
  },
});
