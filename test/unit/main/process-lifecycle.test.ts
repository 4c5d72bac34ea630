import test from 'ava'
import {parseStartupArgs, UsageError, type FlagSpec} from '../../../runtime/main/process-lifecycle.js'

const flags: FlagSpec[] = [
  {short: 'c', long: 'configFile', takesValue: true},
  {short: 'p', long: 'printConfigItem', takesValue: false},
]

test('startup flags take RocketMQ short, long and --long=value forms', (t) => {
  t.deepEqual(
    [...parseStartupArgs(['-c', 'a.properties', '-p'], flags)],
    [
      ['configFile', 'a.properties'],
      ['printConfigItem', 'true'],
    ],
  )
  t.deepEqual([...parseStartupArgs(['--configFile', 'b'], flags)], [['configFile', 'b']])
  t.deepEqual([...parseStartupArgs(['--configFile=c=d'], flags)], [['configFile', 'c=d']])
})

test('startup flags reject unknown arguments, missing values and values on switches', (t) => {
  t.throws(() => parseStartupArgs(['-x'], flags), {instanceOf: UsageError, message: /unknown argument -x/})
  t.throws(() => parseStartupArgs(['-c'], flags), {instanceOf: UsageError, message: /-c needs a value/})
  t.throws(() => parseStartupArgs(['--printConfigItem=yes'], flags), {instanceOf: UsageError, message: /takes no value/})
})
