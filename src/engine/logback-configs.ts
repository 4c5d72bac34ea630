/**
 * The logback configs RocketMQ's startup classes load from `$ROCKETMQ_HOME/conf/`: NamesrvStartup reads
 * logback_namesrv.xml, BrokerStartup logback_broker.xml, MQAdminStartup logback_tools.xml (each fails to
 * start without its file). The official ones write to ~/logs/rocketmqlogs, shared by every process on
 * the machine; a lab's nodes log to the console instead, which the supervisor already sends to
 * logs/<node>.log (so `mqlab logs NODE` and crash reports show the JVM's own log). mqadmin logs to a file
 * under the system property mqlab.log.dir, keeping its stdout for the command's answer.
 */

const pattern = '%d{yyyy-MM-dd HH:mm:ss.SSS} %-5p [%t] %c{0} - %m%n'

function consoleConfig(what: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by mqlab engine install: ${what} logs to stdout, which mqlab sends to the lab's logs/<node>.log. -->
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>${pattern}</pattern><charset>UTF-8</charset></encoder>
  </appender>
  <logger name="RocketmqStoreError" level="INFO"/>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
`
}

/** conf/<file> → text. */
export const LOGBACK_CONFIGS: Readonly<Record<string, string>> = {
  'logback_namesrv.xml': consoleConfig('the name server (NamesrvStartup)'),
  'logback_broker.xml': consoleConfig('the broker (BrokerStartup)'),
  'logback_tools.xml': `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by mqlab engine install: mqadmin (MQAdminStartup) logs to a file, its stdout is the command's answer. -->
<configuration>
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>\${mqlab.log.dir:-\${java.io.tmpdir}}/mqadmin.log</file>
    <encoder><pattern>${pattern}</pattern><charset>UTF-8</charset></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
`,
}
