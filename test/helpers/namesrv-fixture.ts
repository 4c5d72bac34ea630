import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {defaultNamesrvConfig, type NamesrvConfig} from '../../runtime/config/namesrv-config.js'
import {NamesrvController, type NamesrvControllerOptions} from '../../runtime/namesrv/namesrv-controller.js'

/** Starts an in-process name server on a free loopback port with its KV file in a temp dir; stopped in teardown. */
export async function startNamesrv(
  t: {teardown(fn: () => unknown): void},
  options: NamesrvControllerOptions & {config?: Partial<NamesrvConfig>} = {},
): Promise<NamesrvController & {dir: string}> {
  const dir = await mkdtemp(join(tmpdir(), 'mqlab-namesrv-'))
  const config: NamesrvConfig = {...defaultNamesrvConfig(), listenPort: 0, kvConfigPath: join(dir, 'kvConfig.json'), ...options.config}
  const controller = new NamesrvController(config, options)
  t.teardown(async () => {
    await controller.shutdown()
    await rm(dir, {recursive: true, force: true})
  })
  await controller.start()
  return Object.assign(controller, {dir})
}
