/**
 * The base of the client commands (send, consume, topic *, cluster, bench): resolves the target
 * cluster (--namesrv, else the lab in --dir) and maps client failures to the CLI's error codes, so
 * "no name server answered" against a stopped lab says the lab is not running. Light: heavy modules
 * are imported when a command runs, not when oclif loads it.
 */
import type {Errors} from '@oclif/core'
import {BaseCommand} from './base-command.js'
import type {ClientTarget} from './client-target.js'

/** Base class of the commands that talk to a cluster through mqlab's client. */
export abstract class ClientCommand extends BaseCommand {
  private target: ClientTarget | undefined

  /** The name servers to use for these flags (remembered to explain failures). */
  protected async resolveTarget(flags: {namesrv?: string; dir: string}): Promise<ClientTarget> {
    const {resolveClientTarget} = await import('./client-target.js')
    this.target = resolveClientTarget(flags)
    return this.target
  }

  /** Whether progress may be drawn: a terminal on stderr, and not --json. */
  protected get interactive(): boolean {
    return !this.json && process.stderr.isTTY === true
  }

  protected override async catch(err: Errors.CLIError & {code?: string}): Promise<unknown> {
    if (err.code === 'EEXIT') throw err
    const {clientFailure} = await import('./client-target.js')
    return super.catch(clientFailure(err, this.target) as Errors.CLIError & {code?: string})
  }
}
