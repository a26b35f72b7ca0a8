import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The admin UI is served by the API under /admin; in development Vite proxies the API.
export default defineConfig({
  root: __dirname,
  base: '/admin/',
  plugins: [react()],
  // The pure calendar code is shared with the API, so dates and 和暦 read the same everywhere.
  resolve: {
    alias: {
      '@policy-cms/temporal': resolve(__dirname, '../../libs/temporal/src/index.ts'),
      '@policy-cms/contract': resolve(__dirname, '../../libs/contract/src/index.ts'),
    },
  },
  build: {
    outDir: resolve(__dirname, '../../dist/admin'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/graphql': 'http://127.0.0.1:3000', '/audit': 'http://127.0.0.1:3000' },
  },
});
