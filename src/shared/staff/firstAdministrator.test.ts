import { describe, expect, it } from 'vitest';
import {
  FirstBranch,
  isIanaTimeZone,
  StaffDisplayName,
  StaffUsername,
} from './firstAdministrator.ts';

function messageOf(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((issue) => issue.message).join(' ') ?? '';
}

describe('isIanaTimeZone', () => {
  it.each(['Europe/London', 'America/Chicago', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'accepts %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus', 'Europe/Londn', '+01:00', 'GMT+1', 'london', 'Europe/London '])(
    'refuses %j',
    (zone) => expect(isIanaTimeZone(zone)).toBe(false),
  );
});

describe('StaffUsername', () => {
  it('keeps a typed username, trimmed', () => {
    expect(StaffUsername.parse('  a.lovelace@riverside ')).toBe('a.lovelace@riverside');
  });

  it.each([
    ['', /Give a username/],
    ['ada lovelace', /no spaces/],
    ['x'.repeat(101), /at most 100 characters/],
  ])('refuses %j with a reason', (username, reason) => {
    expect(messageOf(StaffUsername.safeParse(username))).toMatch(reason);
  });
});

describe('StaffDisplayName', () => {
  it('refuses an empty name and hidden characters', () => {
    expect(messageOf(StaffDisplayName.safeParse('  '))).toMatch(/Give the name staff see/);
    expect(messageOf(StaffDisplayName.safeParse('Ada\u202e'))).toMatch(/U\+202E/);
  });
});

describe('FirstBranch', () => {
  it('accepts a code, a name and an IANA time zone', () => {
    expect(
      FirstBranch.parse({ code: 'MAIN', name: ' Main Library ', timeZone: 'Europe/London' }),
    ).toEqual({ code: 'MAIN', name: 'Main Library', timeZone: 'Europe/London' });
  });

  it('names every problem at once', () => {
    const message = messageOf(
      FirstBranch.safeParse({ code: 'MA IN', name: '', timeZone: 'Nowhere' }),
    );
    expect(message).toMatch(/no spaces/);
    expect(message).toMatch(/Give the branch a name/);
    expect(message).toMatch(/'Nowhere' is not a time zone this server knows/);
  });
});
