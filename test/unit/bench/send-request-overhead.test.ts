import test from 'ava'
import {sendRequestOverhead} from '../../../src/bench/send-request-overhead.js'

test('the send overhead is what the producer really adds: it follows the topic, group and broker name lengths', (t) => {
  const base = sendRequestOverhead('BenchAsync', 'mqlab_bench_producer', 'broker-a')
  // Frame prefix (8) + a JSON header of ~300 bytes: the order of magnitude the probe needs.
  t.true(base > 250 && base < 500, String(base))
  t.is(sendRequestOverhead('BenchAsyncXXXX', 'mqlab_bench_producer', 'broker-a'), base + 4, 'the topic is in the header once')
  t.is(sendRequestOverhead('BenchAsync', 'mqlab_bench_producerXX', 'broker-a'), base + 2)
  t.is(sendRequestOverhead('BenchAsync', 'mqlab_bench_producer', 'b'), base - 7)
})
