// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Pages are rendered on request (they show live campaign state). In production a thin Hono
// server (src/server/main.ts) answers /api/* and hashed assets itself and hands everything
// else to this build through the adapter's middleware handler; `astro dev` serves the same
// API through src/fetch.ts.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'ignore',
  build: { inlineStylesheets: 'always' },
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
});
