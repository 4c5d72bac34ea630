// Lint: typescript-eslint's recommended rules, plus the boundaries docs/architecture.md describes.
// The boundaries are import rules, so a wrong arrow fails `npm run lint` (and CI) instead of review.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** An import of any path under one of these folders (relative or not), as a no-restricted-imports regex. */
const under = (...folders) => `(^|/)(${folders.join('|')})(/|$)`

/** The libraries only the CLI uses: the runtime starts as `mqbroker`/`mqnamesrv` without them. */
const CLI_LIBRARIES = ['@oclif/core', '@inquirer/prompts', 'chalk', 'cli-table3', 'execa', 'listr2']

/** Pure code: bytes and values in, bytes and values out. No I/O, no clock, no timers. */
const PURE = [
  'runtime/raft/**/*.ts',
  'runtime/message/**/*.ts',
  'runtime/remoting/header/**/*.ts',
  'runtime/remoting/body/**/*.ts',
  'runtime/remoting/frame-decoder.ts',
  'runtime/remoting/frame-encoder.ts',
  'runtime/remoting/*-codec.ts',
  'runtime/remoting/remoting-command*.ts',
  'runtime/ha/*-decoder.ts',
  'runtime/ha/core/**/*.ts',
]
const TIMER_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask'].map((name) => ({
  name,
  message: 'pure code takes time as input (ticks); timers belong to the I/O shell (runtime/common/timers.ts)',
}))

/** no-restricted-imports, with patterns that say why. */
const restrict = (...patterns) => ['error', {patterns}]
const noTest = {regex: under('test'), message: 'production code and the bench never import test helpers; move what they share into src/ or runtime/'}
const noSrc = {regex: under('src'), message: 'the runtime never imports the CLI (src/): it ships and starts without it'}
const noCliLibs = {group: CLI_LIBRARIES, message: 'the runtime never uses CLI libraries'}
const noRuntimeInternals = {
  // runtime/dledger/protocol is DLedger's wire vocabulary (bodies and request codes), as runtime/remoting is RocketMQ's.
  regex: `${under('runtime/(broker|namesrv|store|ha|main)')}|(^|/)runtime/dledger/(?!protocol/)`,
  message: 'the CLI talks to the runtime over the wire; it may import runtime/{config,remoting,message,common,dledger/protocol} (shared vocabulary) only',
}
const noNode = {regex: '^node:', message: 'pure code does no I/O: take bytes in, give actions out'}
const noCli = {regex: under('src/cli|cli'), message: 'lab/, topology/ and client/ do not import the CLI layer; errors live in src/errors'}
const noCommands = {regex: under('commands'), message: 'nothing imports a command'}

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'mqlab/**', 'bench/results/**', 'test/fixtures/**/*.json']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        Buffer: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        clearImmediate: 'readonly',
        queueMicrotask: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      // The code base's conventions, which these rules would fight: `any` in tests' JSON envelopes,
      // empty catch blocks that say why in a comment, non-null assertions after checks tsc cannot follow.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', {allowEmptyCatch: true}],
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
      'no-constant-condition': ['error', {checkLoops: false}],
      'no-control-regex': 'off',
      // A variable a teardown or closure reads before the one assignment cannot be const.
      'prefer-const': ['error', {ignoreReadBeforeAssign: true}],
    },
  },
  {files: ['runtime/**/*.ts'], rules: {'no-restricted-imports': restrict(noSrc, noCliLibs, noTest)}},
  {files: ['src/**/*.ts'], rules: {'no-restricted-imports': restrict(noRuntimeInternals, noTest, noCommands)}},
  {
    files: [
      'src/lab/**/*.ts',
      'src/topology/**/*.ts',
      'src/client/**/*.ts',
      'src/errors/**/*.ts',
      'src/bench/**/*.ts',
      'src/experiment/**/*.ts',
      'src/fault/**/*.ts',
      'src/engine/**/*.ts',
      'src/export/**/*.ts',
      'src/dashboard/**/*.ts',
    ],
    rules: {'no-restricted-imports': restrict(noRuntimeInternals, noTest, noCommands, noCli)},
  },
  {files: ['bench/**/*.ts'], rules: {'no-restricted-imports': restrict(noTest, noCommands)}},
  {
    files: PURE,
    rules: {
      'no-restricted-imports': restrict(noSrc, noCliLibs, noTest, noNode),
      'no-restricted-globals': ['error', ...TIMER_GLOBALS],
    },
  },
  {files: ['**/*.js'], languageOptions: {sourceType: 'module'}, rules: {'@typescript-eslint/no-require-imports': 'off'}},
)
