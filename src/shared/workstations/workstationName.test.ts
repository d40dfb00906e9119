import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkstationName, WorkstationNameInput } from './workstationName.ts';

describe('workstation names', () => {
  it('refuses a reversed or hidden name that would show as another workstation', () => {
    const names = ['\u202eKSED-NIAM', 'MAIN\u200b-DESK', 'MAIN-DESK\u200e', '\u2066MAIN\u2069'];
    expect(
      names.map((name) => [
        WorkstationName.safeParse(name).success,
        WorkstationNameInput.safeParse(name).success,
      ]),
    ).toEqual(names.map(() => [false, false]));
  });

  it('takes any name the session takes, and stored names exactly as given', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/), (name) => {
        expect(WorkstationNameInput.parse(name)).toBe(name.trim());
        expect(WorkstationName.safeParse(name).success).toBe(true);
      }),
    );
  });

  it('refuses any name with a character outside letters, digits, space, dot, dash, underscore', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        fc
          .string({ unit: 'binary', minLength: 1, maxLength: 1 })
          .filter((c) => !/[A-Za-z0-9 ._-]/.test(c)),
        (name, odd) => {
          const parsed = WorkstationName.safeParse(name + odd);
          expect(parsed.success).toBe(false);
          expect(parsed.error?.issues[0]?.message).toMatch(/letters, digits/);
        },
      ),
    );
  });
});
