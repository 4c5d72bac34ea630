// For development only: runs already-compiled tests (dist/) without the TypeScript provider, so one
// file being mid-edit elsewhere does not block a targeted run:  npx tsc -p . ; npx ava --config ava.quick.config.js dist/test/unit/x/**
export default {
  files: ['dist/test/**/*.test.js'],
  timeout: '2m',
}
