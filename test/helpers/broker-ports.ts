// Older names of the port helpers (kept so parallel branches still compile); see free-port.ts.
export {freePort as freeLoopbackPort, freeBrokerPort} from './free-port.js'
