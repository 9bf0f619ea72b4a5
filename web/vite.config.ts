import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** One entry page per screen family; src/http/static.routes.ts serves the same list. */
const FAMILIES = ['kiosk', 'counter', 'resident', 'display', 'dashboard', 'notify-counter', 'tablet'];

/** Where `npm start` listens, for the dev server's proxy. */
const apiTarget = process.env.MADOGUCHI_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // The app serves the build; `vite` (dev) proxies the API to a running `npm start`.
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/verify': apiTarget,
    },
  },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // Kiosks and counters are on the municipality's network: small hashed chunks
    // shared between families cache well, and no font is ever inlined.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: Object.fromEntries(FAMILIES.map((family) => [family, resolve(here, family, 'index.html')])),
    },
  },
});
