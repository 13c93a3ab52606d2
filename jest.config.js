// One jest run covers unit (*.spec.ts), integration (*.int.spec.ts) and end-to-end (test/) suites.
// Sources are ES modules; swc strips types and jest runs them as native ESM.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/services/*/test/**/*.spec.ts', '<rootDir>/gateway/test/**/*.spec.ts', '<rootDir>/schemas/test/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 60000,
};
