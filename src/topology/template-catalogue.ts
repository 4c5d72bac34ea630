/** The templates shipped in templates/ (one folder per topology, named as RocketMQ names its sample confs). */
import fs from 'node:fs'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'
import {packageRoot} from '../package-root.js'
import {parseTemplateSpec, type TemplateSpec} from './template-spec.js'

/** templates/ at the package root, with a trailing separator. */
export function templatesDir(): string {
  return path.join(packageRoot(), 'templates') + path.sep
}

/** Every template, in listing order. */
export function listTemplates(dir: string = templatesDir()): TemplateSpec[] {
  let names: string[]
  try {
    names = fs
      .readdirSync(dir, {withFileTypes: true})
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  } catch (error) {
    throw new MqlabError('BAD_TEMPLATE', `cannot read the templates folder ${dir}: ${(error as Error).message}`, {suggestion: 'reinstall mqlab'})
  }
  const specs = names.map((name) => {
    const file = path.join(dir, name, 'template.json')
    let json: unknown
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch (error) {
      throw new MqlabError('BAD_TEMPLATE', `cannot read ${file}: ${(error as Error).message}`, {suggestion: 'reinstall mqlab'})
    }
    const spec = parseTemplateSpec(json, file)
    if (spec.name !== name) throw new MqlabError('BAD_TEMPLATE', `${file}: name "${spec.name}" does not match its folder "${name}"`)
    return spec
  })
  return specs.sort((a, b) => a.order - b.order)
}

/** The template named `name`; UNKNOWN_TEMPLATE (listing the ones that exist) otherwise. */
export function findTemplate(name: string, templates: TemplateSpec[] = listTemplates()): TemplateSpec {
  const found = templates.find((t) => t.name === name)
  if (found) return found
  const names = templates.map((t) => t.name)
  throw new MqlabError('UNKNOWN_TEMPLATE', `unknown template "${name}"; templates: ${names.join(', ')}`, {
    suggestion: `run mqlab init ${defaultTemplate(templates).name}, or mqlab templates to see what each one is`,
    details: {templates: names},
  })
}

/** The default template (2m-2s-sync). */
export function defaultTemplate(templates: TemplateSpec[] = listTemplates()): TemplateSpec {
  return templates.find((t) => t.default) ?? templates[0]
}
