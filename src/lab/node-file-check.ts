/**
 * Before (re)starting one node: its own file must pass validation. `restart` used to stop a healthy node
 * and only then find that a bad edit kept it from starting; now it refuses first and leaves it running.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {ConfigProblem} from '../../runtime/config/config-problem.js'
import {MqlabError} from '../errors/mqlab-error.js'
import {checkTopology} from '../topology/validate-lab.js'
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'

/** Errors in the node's own file, from its file rules and the lab rules that point at it (pure). */
export function nodeFileErrors(ctx: Pick<LabContext, 'lab'>, spec: Pick<LabNodeSpec, 'file'>): ConfigProblem[] {
  return [...ctx.lab.problems, ...checkTopology(ctx.lab)].filter((p) => p.severity === 'error' && p.file === spec.file)
}

/** Throws VALIDATION_FAILED, naming each error by file:line, when the node's file has errors. */
export function assertNodeFileValid(
  ctx: Pick<LabContext, 'lab' | 'dir'>,
  spec: Pick<LabNodeSpec, 'file' | 'name'>,
  verb: string,
  running: boolean,
  options: {relayedPeers?: boolean} = {},
): void {
  const relayed = options.relayedPeers === true || relaysOn(ctx.dir)
  const errors = nodeFileErrors(ctx, spec).filter((p) => !(relayed && p.rule === 'dledger-peers'))
  if (errors.length === 0) return
  const list = errors.map((p) => `${p.line === null ? p.file : `${p.file}:${p.line}`}: [${p.rule}] ${p.key ? `${p.key}: ` : ''}${p.message}`).join('; ')
  throw new MqlabError(
    'VALIDATION_FAILED',
    `cannot ${verb} ${spec.name}: ${spec.file} has ${errors.length} error${errors.length === 1 ? '' : 's'} (${list})${running ? `; ${spec.name} was left running` : ''}`,
    {
      suggestion: `fix ${spec.file}${errors[0]?.fix ? ` (${errors[0].fix})` : ''}, check it with mqlab validate --dir ${ctx.dir}, then ${verb} again`,
      details: {node: spec.name, problems: errors},
    },
  )
}

/**
 * While relays hold the lab (`mqlab relays on` writes relays/relays.json; an experiment's own relays say so
 * through `relayedPeers`) (relays/relays.json, written by the relay daemon), each DLedger
 * member's dLegerPeers lists its peers at its own relay addresses, so the members' lists differ on
 * purpose: the dledger-peers agreement rule would refuse to start a killed member again mid-experiment.
 * The daemon restores the original, agreeing files when the relays go off.
 */
function relaysOn(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'relays', 'relays.json'))
}
