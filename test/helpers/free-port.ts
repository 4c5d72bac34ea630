// The tests use the same free-port finders as the benchmark's clusters (src/lab/free-ports.ts).
export {freeBrokerPort, freePort, portFree} from '../../src/lab/free-ports.js'
