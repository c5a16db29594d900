import { describe, expect, it } from 'vitest';
import { groupByRecency, recencyOf } from './recency';

describe('recency groups', () => {
  const now = new Date(2026, 10, 23, 15, 0); // 23 Nov 2026, 15:00 local time
  const at = (days: number, hours = 12) => new Date(2026, 10, 23 - days, hours).toISOString();

  it('puts chats in Today, Yesterday, Previous 7 days and Older by local calendar day', () => {
    expect(recencyOf(new Date(2026, 10, 23, 0, 1).toISOString(), now)).toBe('Today');
    expect(recencyOf(new Date(2026, 10, 22, 23, 59).toISOString(), now)).toBe('Yesterday');
    expect(recencyOf(at(1, 0), now)).toBe('Yesterday');
    expect(recencyOf(at(2), now)).toBe('Previous 7 days');
    expect(recencyOf(at(7, 1), now)).toBe('Previous 7 days');
    expect(recencyOf(at(8), now)).toBe('Older');
  });

  it('keeps newest-first order within groups and leaves out empty groups', () => {
    const chats = [
      { id: 'a', updatedAt: at(0, 14) },
      { id: 'b', updatedAt: at(0, 9) },
      { id: 'c', updatedAt: at(3) },
      { id: 'd', updatedAt: at(40) },
    ];
    expect(groupByRecency(chats, now)).toEqual([
      { group: 'Today', items: [chats[0], chats[1]] },
      { group: 'Previous 7 days', items: [chats[2]] },
      { group: 'Older', items: [chats[3]] },
    ]);
  });
});
