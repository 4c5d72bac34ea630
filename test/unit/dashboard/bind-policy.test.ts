import test from 'ava'
import {checkBind, isLoopbackHost} from '../../../src/dashboard/bind-policy.js'
import {MqlabError} from '../../../src/errors/mqlab-error.js'

test('loopback addresses are recognised; others are not', (t) => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) t.true(isLoopbackHost(h), h)
  for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1']) t.false(isLoopbackHost(h), h)
})

test('a non-loopback bind is refused without --allow-remote, and warned about with it', (t) => {
  t.deepEqual(checkBind('127.0.0.1', false), {host: '127.0.0.1', warning: null})
  const err = t.throws(() => checkBind('0.0.0.0', false), {instanceOf: MqlabError})
  t.is(err!.code, 'USAGE')
  t.regex(err!.message, /not a loopback address/)
  t.regex(checkBind('0.0.0.0', true).warning ?? '', /anyone who can reach/)
})
