// `npm run test:apache`: the end-to-end suite of the Apache RocketMQ engine (real JVM name servers and
// brokers, installed through `mqlab engine install apache`). One file at a time and every test serial:
// JVMs on a small machine start slowly, and labs must not compete for it. .ci/run runs it after npm test.
export default {
  typescript: {rewritePaths: {'test/': 'dist/test/'}, compile: 'tsc'},
  files: ['test/apache/**/*.test.ts'],
  concurrency: 1,
  serial: true,
  timeout: '5m',
}
