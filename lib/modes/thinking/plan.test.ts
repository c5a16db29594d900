import { describe, expect, it } from 'vitest';
import { normalizePlan, planSchema } from './plan';

const subtask = (n: number) => ({ title: `Part ${n}`, goal: `Goal ${n}`, returns: `Return ${n}` });

describe('plan', () => {
  it('numbers subtasks as agents a1, a2… and keeps the plan as given', () => {
    const plan = normalizePlan({ approach: ' Two parts,  then combine. ', subtasks: [subtask(1), subtask(2)] }, 6);
    expect(plan).toEqual({
      approach: 'Two parts, then combine.',
      subtasks: [
        { id: 'a1', ...subtask(1) },
        { id: 'a2', ...subtask(2) },
      ],
      direct: false,
    });
  });

  it('caps the subtasks at the limit and records how many were proposed', () => {
    const plan = normalizePlan({ approach: 'Many.', subtasks: [1, 2, 3, 4, 5, 6, 7, 8].map(subtask) }, 6);
    expect(plan.subtasks).toHaveLength(6);
    expect(plan.proposed).toBe(8);
  });

  it('treats an empty plan as "no fan-out needed" and drops empty subtasks', () => {
    expect(normalizePlan({ approach: 'Just answer.', subtasks: [] }, 6).direct).toBe(true);
    expect(normalizePlan({ approach: 'x', subtasks: [{ title: ' ', goal: '', returns: '' }, subtask(2)] }, 6).subtasks.map((s) => s.id)).toEqual(['a1']);
  });

  it('validates the planner output with the schema', () => {
    expect(planSchema.safeParse({ approach: 'a', subtasks: [subtask(1)] }).success).toBe(true);
    expect(planSchema.safeParse({ approach: 'a', subtasks: [{ title: 'no goal' }] }).success).toBe(false);
    expect(planSchema.safeParse({ subtasks: [] }).success).toBe(false);
  });
});
