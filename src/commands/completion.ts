import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** `mqlab completion bash|zsh`: a completion script; `mqlab completion --words …` is what it calls. */
export default class Completion extends BaseCommand {
  static override summary = 'Print a shell completion script (bash or zsh): commands, flags, node names, templates, topics'
  static override description = `Add it to your shell once:

  bash:  echo 'source <(mqlab completion bash)' >> ~/.bashrc
  zsh:   echo 'source <(mqlab completion zsh)' >> ~/.zshrc

TAB then completes command words and flags, node names after start/stop/restart/kill/pause/resume/logs/promote (from the lab in --dir, default ./mqlab), templates after init, and topics after --topic (asked of the lab's name servers, 1 s at most).`
  static override examples = ['<%= config.bin %> <%= command.id %> bash', 'source <(<%= config.bin %> <%= command.id %> zsh)']
  static override args = {shell: Args.string({description: 'bash | zsh', options: ['bash', 'zsh']})}
  static override flags = {
    words: Flags.string({description: 'the words typed after mqlab, the last one being completed (used by the script)', multiple: true, hidden: true}),
  }

  async run(): Promise<{candidates: string[]} | {script: string}> {
    const {args, flags} = await this.parse(Completion)
    if (flags.words !== undefined) {
      const candidates = await this.complete(flags.words)
      if (!this.json) process.stdout.write(candidates.join('\n') + (candidates.length > 0 ? '\n' : ''))
      return {candidates}
    }
    const bin = this.config.bin
    const script = args.shell === 'zsh' ? zshScript(bin) : bashScript(bin)
    if (!this.json) process.stdout.write(script)
    return {script}
  }

  private async complete(words: string[]): Promise<string[]> {
    const {completeWords} = await import('../cli/completion-words.js')
    const sep = this.config.topicSeparator
    const visible = this.config.commands.filter((c) => !c.hidden)
    const dirAt = words.indexOf('--dir')
    const dir = dirAt >= 0 && dirAt + 1 < words.length - 1 ? words[dirAt + 1]! : (labDirFlag().default as string)
    return completeWords(words, {
      commands: visible.map((c) => c.id.replaceAll(':', sep)),
      flagsOf: (id) => {
        const c = visible.find((v) => v.id.replaceAll(':', sep) === id)
        return Object.entries(c?.flags ?? {}).flatMap(([name, f]) => (f.hidden ? [] : [`--${name}`, ...(f.char ? [`-${f.char}`] : [])]))
      },
      nodes: async () => {
        const {readLab} = await import('../topology/lab-reader.js')
        const {nodeSpecs} = await import('../lab/lab-node-spec.js')
        try {
          return nodeSpecs(readLab(dir)).map((s) => s.name)
        } catch {
          return []
        }
      },
      templates: async () => {
        const {listTemplates} = await import('../topology/template-catalogue.js')
        return listTemplates().map((t) => t.name)
      },
      topics: async () => {
        try {
          const {resolveClientTarget} = await import('../cli/client-target.js')
          const {MQAdmin} = await import('../client/admin/mq-admin.js')
          const admin = new MQAdmin({namesrvAddr: resolveClientTarget({dir}).namesrvAddrs, requestTimeoutMs: 1000})
          try {
            return await admin.topicList()
          } finally {
            await admin.close()
          }
        } catch {
          return []
        }
      },
    })
  }
}

function bashScript(bin: string): string {
  return `# ${bin} completion for bash: source <(${bin} completion bash)
_${bin}_complete() {
  local IFS=$'\\n'
  local args=()
  local w
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD}"; do args+=(--words "$w"); done
  COMPREPLY=($(${bin} completion "\${args[@]}" 2>/dev/null))
  if [ \${#COMPREPLY[@]} -eq 0 ]; then COMPREPLY=($(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}")); fi
}
complete -F _${bin}_complete ${bin}
`
}

function zshScript(bin: string): string {
  return `#compdef ${bin}
# ${bin} completion for zsh: source <(${bin} completion zsh)
_${bin}() {
  local -a args candidates
  local w
  for w in "\${(@)words[2,CURRENT]}"; do args+=(--words "$w"); done
  candidates=("\${(@f)$(${bin} completion "\${args[@]}" 2>/dev/null)}")
  if (( \${#candidates[@]} )) && [[ -n "\${candidates[1]}" ]]; then compadd -- "\${candidates[@]}"; else _files; fi
}
compdef _${bin} ${bin}
`
}
