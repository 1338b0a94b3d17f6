import { defaultServerConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources through the "source" export condition.
const conditions = ['source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['{packages,apps,hardware,test}/**/*.test.ts', 'tools/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**'],
    globalSetup: ['test/support/fast-check-seed.mjs'],
    setupFiles: ['test/support/fast-check-global.mjs'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
