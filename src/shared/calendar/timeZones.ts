// Which IANA time zone names a branch may have: the ones this runtime's Intl knows. Shared by the
// branch form (a list to choose from) and the API (the check), so both agree on what is a zone.

/** True when Intl knows this zone by name; offsets such as '+08:00' are not zones (no DST rules). */
export function isTimeZoneName(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone !== '';
  } catch {
    return false;
  }
}

/** Every zone name this runtime lists (canonical names; aliases such as 'US/Eastern' also pass the check). */
export function knownTimeZoneNames(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
