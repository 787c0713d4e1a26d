import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  // The API serves dist/ at the site root, so asset URLs must be absolute from '/'.
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // Contracts are consumed from source: the web build must not wait for, or depend on, the libs' CommonJS output.
      '@provod/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': api,
      '/hooks': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
