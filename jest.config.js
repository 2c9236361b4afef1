/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tsconfig sets isolatedModules, so ts-jest transpiles file by file (fast on 2 cores); type
  // checking is `npm run lint`'s job (tsc --noEmit).
  transform: { '^.+\\.ts$': 'ts-jest' },
  testSequencer: '<rootDir>/tests/support/cpuBudgetFirst.mjs',
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  testTimeout: 60000,
};
