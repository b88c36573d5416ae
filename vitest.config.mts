import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/unit/global-setup.ts'],
    setupFiles: ['test/unit/setup-model.ts', 'test/unit/property-seed.ts'],
    testTimeout: 30000,
  },
});
