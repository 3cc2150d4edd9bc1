// @ts-check
import { defineConfig, passthroughImageService } from 'astro/config';
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
  // The site serves its own image copies, made once at upload. Astro's on-demand image endpoint
  // (/_image) would make any image at any size for anyone, at seconds of CPU a call: it is
  // replaced by one that answers 404, and Astro's own image service does nothing.
  image: {
    endpoint: { route: '/_image', entrypoint: './src/server/no-image-endpoint.ts' },
    service: passthroughImageService(),
  },
});
