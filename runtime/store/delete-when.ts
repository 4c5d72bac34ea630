/**
 * deleteWhen: the hours of the day at which expired files may be deleted, "04" or "04;16"
 * (RocketMQ UtilAll.isItTimeToDo compares each with the local hour).
 */

/** Whether the local hour of `now` is one of the hours listed in `when`. */
export function isItTimeToDo(when: string, now: number): boolean {
  const hour = new Date(now).getHours()
  return when
    .split(';')
    .map((h) => h.trim())
    .filter((h) => /^\d{1,2}$/.test(h))
    .some((h) => Number(h) === hour)
}
