/**
 * The dashboard's HTTP server (node:http, no framework: six routes). The page and its bundled assets
 * (dist/bundle/dashboard, built by scripts/build-dashboard.js) are served as files; the lab's state is
 * pushed over Server-Sent Events (GET /api/stream), one "state" message per look, about once a second.
 *
 * Guards, because the page can kill nodes:
 * - every state-changing request is a POST carrying the per-run token in X-Mqlab-Token; the token is
 *   written into the served page only, so another site's page (which cannot read ours) cannot send it;
 * - the Host header must name the address we serve on (or localhost), which defeats DNS rebinding: a
 *   rebound name would let another site read the page, and with it the token.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import {isLoopbackHost} from './bind-policy.js'
import {isAction, type LabControls} from './dashboard-controls.js'
import {diffSnapshots, EventLog, type DashboardEvent} from './dashboard-events.js'
import type {NodeState} from '../lab/node-state.js'
import {withStates, type DashboardSnapshot} from './dashboard-snapshot.js'
import {LagHistory} from './lag-history.js'

/** What the server needs. */
export interface DashboardServerOptions {
  host: string
  port: number
  /** Folder with index.html and the bundled assets. */
  assetsDir: string
  /** One look at the lab. */
  snapshot(): Promise<DashboardSnapshot>
  /** Node states from local files only (see LabWatch.quickStates), read between looks. */
  quickStates?(): ReadonlyMap<string, {state: NodeState; pid: number | null}>
  /** Between two quick reads, ms. */
  quickIntervalMs?: number
  controls: LabControls
  /** Least time between two looks, ms (a look that takes longer is followed at once by the next). */
  intervalMs?: number
  /** The token (tests pass their own; otherwise random per run). */
  token?: string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}
/** Request bodies are tiny ({"node", "action"}); anything larger is refused. */
const MAX_BODY = 4096
/** Bytes a page may leave unread before it is dropped (its EventSource reconnects and gets the latest state). */
const MAX_BACKLOG = 4 * 1024 * 1024

/** A running dashboard. */
export class DashboardServer {
  readonly token: string
  private readonly server: http.Server
  private readonly clients = new Set<http.ServerResponse>()
  private readonly events = new EventLog()
  private readonly lag = new LagHistory()
  private last: DashboardSnapshot | undefined
  private lastMessage = ''
  private stopped = false
  private wake: (() => void) | undefined
  private loop: Promise<void> | undefined
  private port = 0
  private quickTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: DashboardServerOptions) {
    this.token = options.token ?? crypto.randomBytes(24).toString('base64url')
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => send(res, 500, {error: err instanceof Error ? err.message : String(err)}))
    })
  }

  /** Listens, then starts looking at the lab. Resolves with the URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.options.port, this.options.host, () => resolve())
    })
    this.port = (this.server.address() as {port: number}).port
    this.loop = this.run()
    if (this.options.quickStates) this.quickTimer = setInterval(() => this.quick(), this.options.quickIntervalMs ?? 250)
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host
    return `http://${host}:${this.port}/`
  }

  async close(): Promise<void> {
    this.stopped = true
    clearInterval(this.quickTimer)
    this.wake?.()
    for (const c of this.clients) c.end()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    await this.loop
  }

  /** Looks at the lab about every intervalMs, pushes each look to every open page. */
  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 1000
    while (!this.stopped) {
      const began = Date.now()
      try {
        // A look began before a kill may end after it: the freshest local states win, so they never flap.
        const snap = this.overlay(await this.options.snapshot())
        this.record(snap, diffSnapshots(this.last, snap))
      } catch (err) {
        this.broadcast('problem', {at: Date.now(), error: err instanceof Error ? err.message : String(err)})
      }
      const wait = Math.max(0, interval - (Date.now() - began))
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  /** Pushes a node state change seen in the local files now, without waiting for the next look. */
  private quick(): void {
    if (this.last === undefined) return
    let next: DashboardSnapshot
    try {
      next = this.overlay(this.last)
    } catch {
      return // conf/ being rewritten (a promotion): the next look will tell
    }
    if (next !== this.last) this.record(next, diffSnapshots(this.last, next))
  }

  private overlay(snap: DashboardSnapshot): DashboardSnapshot {
    return this.options.quickStates ? withStates(snap, this.options.quickStates(), Date.now()) : snap
  }

  private record(snap: DashboardSnapshot, events: DashboardEvent[]): void {
    this.last = snap
    this.events.add(...events)
    if (snap.replication.ok) this.lag.add(snap.replication.value)
    this.lastMessage = JSON.stringify({snapshot: snap, events: this.events.list(), lag: this.lag.list()})
    this.push(`event: state\ndata: ${this.lastMessage}\n\n`)
  }

  private broadcast(event: string, data: unknown): void {
    this.push(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  /** Writes to every page; one that stopped reading (MAX_BACKLOG unsent) is dropped, so memory stays bounded. */
  private push(frame: string): void {
    for (const c of this.clients) {
      if (c.writableLength > MAX_BACKLOG) {
        this.clients.delete(c)
        c.destroy()
      } else c.write(frame)
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!this.hostAllowed(req.headers.host)) return send(res, 421, {error: 'unexpected Host header'})
    const url = new URL(req.url ?? '/', 'http://dashboard')
    if (req.method === 'GET' && url.pathname === '/') return this.page(res)
    if (req.method === 'GET' && url.pathname === '/api/stream') return this.stream(req, res)
    if (req.method === 'GET' && url.pathname === '/api/state') {
      res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'})
      return void res.end(this.lastMessage || '{}')
    }
    if (req.method === 'GET' && url.pathname === '/api/predict') {
      const node = url.searchParams.get('node') ?? ''
      return send(res, 200, {prediction: this.options.controls.preview(node, url.searchParams.get('signal') ?? 'SIGKILL')})
    }
    if (req.method === 'POST' && url.pathname === '/api/action') return this.action(req, res)
    if (req.method === 'GET' && url.pathname.startsWith('/assets/')) return this.asset(url.pathname.slice('/assets/'.length), res)
    return send(res, 404, {error: 'not found'})
  }

  private hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return false
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host)
    if (m === null || Number(m[2] ?? 80) !== this.port) return false
    const name = m[1]!.replace(/^\[|\]$/g, '')
    return name === this.options.host || (isLoopbackHost(this.options.host) && isLoopbackHost(name)) || !isLoopbackHost(this.options.host)
  }

  private page(res: http.ServerResponse): void {
    const html = fs.readFileSync(path.join(this.options.assetsDir, 'index.html'), 'utf8').replace('__MQLAB_TOKEN__', this.token)
    res.writeHead(200, {
      'content-type': TYPES['.html']!,
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    })
    res.end(html)
  }

  private stream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
    res.write(': mqlab dashboard\n\n')
    if (this.lastMessage) res.write(`event: state\ndata: ${this.lastMessage}\n\n`)
    this.clients.add(res)
    req.on('close', () => this.clients.delete(res))
  }

  private async action(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const given = req.headers['x-mqlab-token']
    if (typeof given !== 'string' || !sameToken(given, this.token))
      return send(res, 403, {error: 'missing or wrong X-Mqlab-Token: controls are accepted only from the page this dashboard served'})
    let body: {node?: unknown; action?: unknown}
    try {
      body = JSON.parse(await readBody(req))
    } catch (err) {
      return send(res, 400, {error: `bad request body: ${err instanceof Error ? err.message : String(err)}`})
    }
    if (typeof body.node !== 'string' || !isAction(body.action))
      return send(res, 400, {error: 'expected {"node": NAME, "action": kill|stop|start|pause|resume|promote}'})
    const at = Date.now()
    try {
      const result = await this.options.controls.run(body.node, body.action)
      this.events.add({at, kind: 'control', subject: body.node, text: `${body.action} ${body.node} (from the dashboard)`})
      send(res, 200, {ok: true, result})
    } catch (err) {
      const e = err as {message?: string; code?: string; suggestion?: string}
      this.events.add({at, kind: 'control', subject: body.node, text: `${body.action} ${body.node} failed: ${e.message ?? String(err)}`})
      send(res, 409, {ok: false, error: e.message ?? String(err), code: e.code, suggestion: e.suggestion})
    }
    this.wake?.() // show the outcome now, not at the next tick
  }

  private asset(name: string, res: http.ServerResponse): void {
    const file = path.join(this.options.assetsDir, path.basename(name))
    const type = TYPES[path.extname(file)]
    if (type === undefined || !fs.existsSync(file)) return send(res, 404, {error: 'not found'})
    res.writeHead(200, {'content-type': type, 'cache-control': 'no-cache'})
    fs.createReadStream(file).pipe(res)
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end()
  res.writeHead(status, {'content-type': 'application/json', 'cache-control': 'no-store'})
  res.end(JSON.stringify(body))
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
