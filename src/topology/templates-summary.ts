/** `mqlab templates`: each template with its one-line summary and the broker nodes it creates. */
import {brokerNodeName} from './node-naming.js'
import {listTemplates} from './template-catalogue.js'
import type {TemplateSpec} from './template-spec.js'

/** One template as listed. */
export interface TemplateSummary {
  name: string
  summary: string
  default: boolean
  mode: TemplateSpec['mode']
  /** Broker node names (name servers are added per --namesrv). */
  nodes: string[]
}

/** The listing. */
export interface TemplatesResult {
  templates: TemplateSummary[]
}

/** Lists the shipped templates. */
export function summarizeTemplates(specs: TemplateSpec[] = listTemplates()): TemplatesResult {
  return {
    templates: specs.map((t) => ({
      name: t.name,
      summary: t.summary,
      default: t.default === true,
      mode: t.mode,
      nodes: t.groups.flatMap((g) =>
        t.mode === 'dledger'
          ? Array.from({length: t.peersPerGroup}, (_, k) => brokerNodeName(g, {dledgerId: `n${k}`}))
          : [brokerNodeName(g, {master: true}), ...Array.from({length: t.slavesPerGroup}, (_, s) => brokerNodeName(g, {slave: s + 1}))],
      ),
    })),
  }
}
