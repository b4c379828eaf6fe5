/**
 * The image and the stack, run with podman (`npm run test:containers`): minutes of image builds, so they
 * run once, as their own step, and not in `npm test`'s passes.
 */
const { transform } = require('./jest.config.js').projects[0];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'containers',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/container'],
  testMatch: ['**/*.test.ts'],
  transform,
  testTimeout: 60000,
  maxWorkers: 1,
};
