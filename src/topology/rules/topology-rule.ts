/** A topology-wide validation rule: looks at the whole lab and returns problems as data. */
import type {ConfigProblem} from '../../../runtime/config/config-problem.js'
import type {LabSnapshot} from '../lab-model.js'

/** A rule over the whole lab. One rule may report several stable ids (e.g. the role rules). */
export interface TopologyRule {
  /** Rule ids this check can report. */
  ids: readonly string[]
  check(lab: LabSnapshot): ConfigProblem[]
}
