import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../db/schema.ts';
import { StaffAction } from '../../shared/api/actions.ts';
import { ACTIONS, actionsOf, can, isAction, rolesAllowed } from './policies.ts';

describe('policies', () => {
  it('let circulation staff lend and return but not override or manage', () => {
    expect(can('circulation', 'loan.checkOut')).toBe(true);
    expect(can('circulation', 'loan.checkIn')).toBe(true);
    expect(can('circulation', 'offline.upload')).toBe(true);
    expect(can('circulation', 'loan.override')).toBe(false);
    expect(can('circulation', 'offline.uploadFile')).toBe(false);
    expect(can('circulation', 'offline.exceptions.manage')).toBe(false);
    expect(can('circulation', 'closedDays.manage')).toBe(false);
  });

  it('let supervisors override but keep library set-up to admins', () => {
    expect(can('supervisor', 'loan.override')).toBe(true);
    expect(can('supervisor', 'offline.exceptions.manage')).toBe(true);
    expect(can('supervisor', 'closedDays.manage')).toBe(false);
    expect(can('admin', 'closedDays.manage')).toBe(true);
  });

  it('nest the roles: supervisor can do all circulation can, admin all supervisor can', () => {
    const missingFromSupervisor = ACTIONS.filter(
      (action) => can('circulation', action) && !can('supervisor', action),
    );
    const missingFromAdmin = ACTIONS.filter(
      (action) => can('supervisor', action) && !can('admin', action),
    );
    expect(missingFromSupervisor).toEqual([]);
    expect(missingFromAdmin).toEqual([]);
  });

  it('give every action to at least one role, admins to all', () => {
    expect(ACTIONS.filter((action) => rolesAllowed(action).length === 0)).toEqual([]);
    expect(ACTIONS.filter((action) => !can('admin', action))).toEqual([]);
    expect(rolesAllowed('loan.override')).toEqual(['supervisor', 'admin']);
    expect(STAFF_ROLES.every((role) => can(role, 'session.read'))).toBe(true);
  });

  it('list each role’s actions in the contract’s order, as the session answer carries them', () => {
    expect(ACTIONS).toEqual(StaffAction.options);
    for (const role of STAFF_ROLES) {
      expect(actionsOf(role)).toEqual(ACTIONS.filter((action) => can(role, action)));
    }
    expect(actionsOf('circulation')).not.toContain('loan.override');
    expect(actionsOf('admin')).toEqual(ACTIONS);
  });

  it('recognise only declared actions', () => {
    expect(isAction('loan.checkOut')).toBe(true);
    expect(isAction('loan.delete')).toBe(false);
    expect(isAction(undefined)).toBe(false);
  });
});
