import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {MqlabError} from '../../cli/mqlab-error.js'
import type {InstallResult} from '../../engine/engine-install.js'

/** `mqlab engine install apache`: Apache RocketMQ's jars from Maven into $MQLAB_HOME/engines. */
export default class EngineInstall extends BaseCommand {
  static override summary = 'Install Apache RocketMQ (name server, broker, mqadmin) as an engine labs can run on'
  static override description = `Resolves org.apache.rocketmq:rocketmq-namesrv, rocketmq-broker and rocketmq-tools (with everything they need, DLedger and the client included) with Maven into $MQLAB_HOME/engines/apache-<version>/ (MQLAB_HOME defaults to ~/.mqlab), laid out like an unpacked distribution (lib/, conf/ with the logback configs RocketMQ's startup classes load). Needs Java 8+ (JAVA_HOME or java on PATH) and Maven (mvn; MQLAB_MVN to name another). Maven's cache (~/.m2) makes a second install fast. An install stopped half-way is started over by the next run; --force reinstalls a finished one.

--rocketmq-home DIR registers an unpacked official distribution instead (nothing is downloaded or copied); setting ROCKETMQ_HOME has the same effect at run time and wins over installs.

The default version is 4.9.7: the Maven registry mqlab is tested against serves rocketmq-namesrv/rocketmq-broker only up to 4.9.7 (4.9.8 is mqlab's reference version; --version 4.9.8 works where the registry serves it).`
  static override examples = [
    '<%= config.bin %> <%= command.id %> apache',
    '<%= config.bin %> <%= command.id %> apache --version 4.9.8',
    '<%= config.bin %> <%= command.id %> apache --rocketmq-home ~/rocketmq-all-4.9.8-bin-release',
    'MQLAB_HOME=/opt/mqlab <%= config.bin %> <%= command.id %> apache --json',
  ]
  static override args = {
    engine: Args.string({description: 'the engine: apache (Apache RocketMQ 4.x on a JVM)', required: true}),
  }
  static override flags = {
    version: Flags.string({description: 'Apache RocketMQ version (Maven coordinates org.apache.rocketmq:*:<version>)'}),
    'rocketmq-home': Flags.string({description: 'an unpacked Apache RocketMQ distribution (lib/, conf/) to use instead of downloading'}),
    force: Flags.boolean({description: 'reinstall even when this version is installed', default: false}),
  }

  async run(): Promise<InstallResult> {
    const {args, flags} = await this.parse(EngineInstall)
    if (args.engine !== 'apache') {
      throw new MqlabError('UNKNOWN_ENGINE', `unknown engine "${args.engine}": the only installable engine is apache (embedded is built in)`, {
        suggestion: 'mqlab engine install apache',
      })
    }
    const {DEFAULT_APACHE_VERSION} = await import('../../engine/engine-home.js')
    const {installApache} = await import('../../engine/engine-install.js')
    const version = flags.version ?? DEFAULT_APACHE_VERSION
    if (!/^\d+\.\d+\.\d+$/.test(version))
      throw new MqlabError('INVALID_ARGUMENT', `--version ${version} is not a version like 4.9.7`, {suggestion: '--version 4.9.7'})
    const result = await installApache({
      version,
      force: flags.force,
      ...(flags['rocketmq-home'] === undefined ? {} : {rocketmqHome: flags['rocketmq-home']}),
      ...(this.json ? {} : {onStep: (line: string) => this.logToStderr(`… ${line}`)}),
    })
    if (!this.json) {
      const what = `Apache RocketMQ ${result.version}`
      if (result.action === 'already-installed') this.log(`${what} is already installed in ${result.dir} (${result.jars} jars). --force reinstalls it.`)
      else if (result.action === 'registered') this.log(`${what} registered: ${result.home} (${result.jars} jars), nothing copied.`)
      else
        this.log(
          `${what} installed in ${result.dir}: ${result.jars} jars in ${result.seconds} s${result.resumed ? ' (a half-finished install was started over)' : ''}.`,
        )
      this.log(`Java: ${result.java.executable} ${result.java.version}${result.maven ? `; ${result.maven}` : ''}`)
      this.log(`Next: mqlab init 2m-2s-sync --engine apache, or mqlab up --engine apache`)
    }
    return result
  }
}
