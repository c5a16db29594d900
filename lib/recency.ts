// Groups items by how recently they changed, in the viewer's own time zone.

export const recencyGroups = ['Today', 'Yesterday', 'Previous 7 days', 'Older'] as const;
export type RecencyGroup = (typeof recencyGroups)[number];

function startOfDay(date: Date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function recencyOf(iso: string, now = new Date()): RecencyGroup {
  const today = startOfDay(now);
  const day = 24 * 60 * 60 * 1000;
  const time = new Date(iso).getTime();
  if (time >= today) return 'Today';
  if (time >= today - day) return 'Yesterday';
  if (time >= today - 7 * day) return 'Previous 7 days';
  return 'Older';
}

/** Keeps the input order (newest first) within each group; empty groups are left out. */
export function groupByRecency<T extends { updatedAt: string }>(items: T[], now = new Date()): Array<{ group: RecencyGroup; items: T[] }> {
  const buckets = new Map<RecencyGroup, T[]>();
  for (const item of items) {
    const group = recencyOf(item.updatedAt, now);
    buckets.set(group, [...(buckets.get(group) ?? []), item]);
  }
  return recencyGroups.filter((group) => buckets.has(group)).map((group) => ({ group, items: buckets.get(group)! }));
}
