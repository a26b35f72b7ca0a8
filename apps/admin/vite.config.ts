import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// The admin UI is served by the API under /admin; in development Vite proxies the API.
export default defineConfig({
  root: __dirname,
  base: '/admin/',
  // Every text asset is also written as .br and .gz (best quality, once at build), and the API sends the one the browser
  // accepts (express-static-gzip in app.factory.ts): the 1.6 MB of script go over the wire as about a third.
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      // Down to small files: index.html itself is under 1 kB now that it preloads nothing (the login screen is its whole
      // first load), and it is the one file fetched on every visit.
      threshold: 256,
      skipIfLargerOrEqual: true,
    }),
  ],
  // The pure calendar code and the policy kinds are shared with the API, so dates, 和暦 and the words of the content
  // read the same everywhere.
  resolve: {
    alias: {
      '@policy-cms/temporal': resolve(__dirname, '../../libs/temporal/src/index.ts'),
      '@policy-cms/contract': resolve(__dirname, '../../libs/contract/src/index.ts'),
      '@policy-cms/kinds': resolve(__dirname, '../../libs/kinds/src/index.ts'),
      'object.entries': resolve(__dirname, 'src/shims/object-entries.cjs'),
    },
  },
  build: {
    outDir: resolve(__dirname, '../../dist/admin'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The shared libs are pure (no work at import time), so a module of theirs that nothing uses is left out: the
      // first load takes the kinds' words without their zod schemas, which load with the screens that validate.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]libs[\\/](kinds|temporal|contract)[\\/]src[\\/]/.test(id) },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': 'http://127.0.0.1:3000', '/audit': 'http://127.0.0.1:3000' },
  },
});
