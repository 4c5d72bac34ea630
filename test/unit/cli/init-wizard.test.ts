import test from 'ava'
import {runInitWizard, type WizardPrompts} from '../../../src/cli/init-wizard.js'
import type {InitRequest} from '../../../src/topology/init-lab.js'
import {listTemplates} from '../../../src/topology/template-catalogue.js'

const defaults: InitRequest = {template: '', dir: 'mqlab', namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false}

/** Prompts that answer from a script and record what was asked. */
function scripted(answers: unknown[]): WizardPrompts & {asked: string[]; defaults: unknown[]} {
  const asked: string[] = []
  const seen: unknown[] = []
  const next = (o: {message: string; default?: unknown}) => {
    asked.push(o.message)
    seen.push(o.default)
    return Promise.resolve(answers.shift() as never)
  }
  return {asked, defaults: seen, select: next, number: next, input: next}
}

test('asks for topology, name servers, flush type, hosts and directory, in that order', async (t) => {
  const prompts = scripted(['dledger', 3, 'SYNC_FLUSH', 3, ' ./raft '])
  const request = await runInitWizard(defaults, listTemplates(), prompts)
  t.deepEqual(prompts.asked, ['Topology', 'Name servers', 'Flush type', 'Simulated hosts (one loopback address each)', 'Lab directory'])
  t.deepEqual(request, {...defaults, template: 'dledger', namesrv: 3, flush: 'SYNC_FLUSH', hosts: 3, dir: './raft'})
})

test('flags are the defaults offered; the default topology is 2m-2s-sync', async (t) => {
  const prompts = scripted(['single', 1, 'ASYNC_FLUSH', 2, ''])
  const request = await runInitWizard({...defaults, namesrv: 4, hosts: 2, dir: 'x'}, listTemplates(), prompts)
  t.deepEqual(prompts.defaults, ['2m-2s-sync', 4, 'ASYNC_FLUSH', 2, 'x'])
  t.is(request.dir, 'x')
})

test("Ctrl-C in a prompt (inquirer's ExitPromptError) is INTERRUPTED, not an internal error; other errors pass through", async (t) => {
  const cancelled = Object.assign(new Error('User force closed the prompt with SIGINT'), {name: 'ExitPromptError'})
  const failing = (err: Error): WizardPrompts => ({select: () => Promise.reject(err), number: () => Promise.reject(err), input: () => Promise.reject(err)})
  const {MqlabError} = await import('../../../src/cli/mqlab-error.js')
  const err = await t.throwsAsync(runInitWizard(defaults, listTemplates(), failing(cancelled)), {instanceOf: MqlabError})
  t.is(err!.code, 'INTERRUPTED')
  t.is(err!.message, 'init cancelled; nothing was written')
  const other = new Error('boom')
  t.is(await t.throwsAsync(runInitWizard(defaults, listTemplates(), failing(other))), other)
})
