// SPDX-License-Identifier: GPL-3.0-or-later
// The console's build: plain TypeScript, no framework. PORTIER_WEB_OUT_DIR (set by CMake) puts
// the bundle straight into the build tree's share/portier/client-web.
import { defineConfig } from 'vite';

const out_dir = process.env.PORTIER_WEB_OUT_DIR ?? 'dist';

export default defineConfig({
  base: '/',
  build: {
    outDir: out_dir,
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` against a running portierd (client.web on 127.0.0.1:8080).
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
