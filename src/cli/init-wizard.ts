/** The interactive `mqlab init` (no template named, on a terminal): asks for each choice, flags as defaults. */
import type {FlushDiskType} from '../../runtime/config/broker-config.js'
import type {InitRequest} from '../topology/init-lab.js'
import {INIT_LIMITS} from '../topology/init-lab.js'
import type {TemplateSpec} from '../topology/template-spec.js'
import {MqlabError} from './mqlab-error.js'

/** The prompts the wizard needs; injected so the wizard is testable without a terminal. */
export interface WizardPrompts {
  select<T extends string>(options: {message: string; choices: Array<{name: string; value: T; description?: string}>; default?: T}): Promise<T>
  number(options: {message: string; default: number; min: number; max: number}): Promise<number>
  input(options: {message: string; default: string}): Promise<string>
}

/** Asks for topology, name server count, flush type, hosts and directory; Ctrl-C is INTERRUPTED, not a bug. */
export async function runInitWizard(defaults: InitRequest, templates: TemplateSpec[], prompts: WizardPrompts): Promise<InitRequest> {
  try {
    return await askAll(defaults, templates, prompts)
  } catch (err) {
    // @inquirer rejects a prompt left with Ctrl-C with ExitPromptError; nothing has been written yet.
    const name = (err as Error | undefined)?.name
    if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new MqlabError('INTERRUPTED', 'init cancelled; nothing was written')
    throw err
  }
}

async function askAll(defaults: InitRequest, templates: TemplateSpec[], prompts: WizardPrompts): Promise<InitRequest> {
  const fallback = templates.find((t) => t.default)?.name ?? templates[0].name
  const template = await prompts.select({
    message: 'Topology',
    choices: templates.map((t) => ({name: t.name, value: t.name, description: t.summary})),
    default: templates.some((t) => t.name === defaults.template) ? defaults.template : fallback,
  })
  const namesrv = await prompts.number({message: 'Name servers', default: defaults.namesrv, ...INIT_LIMITS.namesrv})
  const flush = await prompts.select<FlushDiskType>({
    message: 'Flush type',
    choices: [
      {name: 'ASYNC_FLUSH', value: 'ASYNC_FLUSH', description: 'flush in the background (RocketMQ default)'},
      {name: 'SYNC_FLUSH', value: 'SYNC_FLUSH', description: 'flush before answering each send'},
    ],
    default: defaults.flush,
  })
  const hosts = await prompts.number({message: 'Simulated hosts (one loopback address each)', default: defaults.hosts, ...INIT_LIMITS.hosts})
  const dir = await prompts.input({message: 'Lab directory', default: defaults.dir})
  return {...defaults, template, namesrv, flush, hosts, dir: dir.trim() === '' ? defaults.dir : dir.trim()}
}

/** WizardPrompts backed by @inquirer/prompts (imported only when the wizard runs). */
export async function inquirerPrompts(): Promise<WizardPrompts> {
  const inquirer = await import('@inquirer/prompts')
  return {
    select: (o) => inquirer.select(o),
    number: async (o) => (await inquirer.number({...o, required: true})) ?? o.default,
    input: (o) => inquirer.input(o),
  }
}
