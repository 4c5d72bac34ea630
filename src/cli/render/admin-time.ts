/** Times and counts in the admin views: local "YYYY-MM-DD HH:mm:ss" as mqadmin prints store times. */

/** A store timestamp as local date and time; "-" for none (0 or negative). */
export function formatStoreTime(ms: number): string {
  if (!(ms > 0)) return '-'
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** "master" or "slave N", and the address, of the broker that answered. */
export function servedByText(s: {brokerId: number; addr: string}): string {
  return `${s.brokerId === 0 ? 'master' : s.brokerId > 0 ? `slave ${s.brokerId}` : 'broker'} ${s.addr}`
}

/** A compact store time for narrow tables: "HH:mm:ss" today, else "MM-DD HH:mm"; "-" for none. */
export function formatShortTime(ms: number, now: number = Date.now()): string {
  if (!(ms > 0)) return '-'
  const full = formatStoreTime(ms)
  return full.slice(0, 10) === formatStoreTime(now).slice(0, 10) ? full.slice(11) : full.slice(5, 16)
}
