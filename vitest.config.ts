import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `@/…` as in tsconfig's paths: component tests import what the components import.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'docs/**/*.test.ts', 'components/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Server tests spawn and kill real processes; two cores do not gain from more workers.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
  },
});
