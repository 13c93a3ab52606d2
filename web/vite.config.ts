import { defineConfig } from 'vite';

// The gateway serves the built app at its own origin, so the app calls /graphql and /imports/<id>
// with relative URLs; `vite` (dev) proxies them to a running `npm start` stack.
const gateway = process.env['VERBATIM_GATEWAY'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      // react-router marks its modules "use client" for server components; a plain client bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': gateway, '/imports': gateway } },
});
