// What `circa create-admin` accepts, as pure rules the command line applies before it touches the
// database: a username staff can type, a display name, and for a library with no branch yet the
// first branch (code, name, IANA time zone).
import { z } from 'zod';
import { refuseHiddenCharacters } from '../barcodes/hiddenCharacters.ts';
import { isTimeZoneName } from '../calendar/timeZones.ts';
import { RecordCode } from '../records/fields.ts';
import { MAX_USERNAME_CHARS, USERNAME_PATTERN } from './usernames.ts';

export const StaffUsername = z
  .string()
  .trim()
  .min(1, 'Give a username (--username), e.g. --username ada.')
  .max(MAX_USERNAME_CHARS, `A username has at most ${MAX_USERNAME_CHARS} characters.`)
  .regex(
    USERNAME_PATTERN,
    'A username has letters, digits and . _ @ - only, no spaces (e.g. ada or a.lovelace).',
  );

export const StaffDisplayName = z
  .string()
  .trim()
  .min(1, 'Give the name staff see (--name), e.g. --name "Ada Lovelace".')
  .max(200, 'A name has at most 200 characters.')
  .superRefine(refuseHiddenCharacters);

/**
 * True for an IANA time zone name the runtime knows ('Europe/London', 'America/Chicago', 'UTC');
 * the same check as the branch form's (calendar/timeZones.ts).
 */
export const isIanaTimeZone = isTimeZoneName;

export const IanaTimeZone = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (!isIanaTimeZone(value)) {
      context.addIssue({
        code: 'custom',
        message: `'${value}' is not a time zone this server knows: give an IANA name such as Europe/London, America/Chicago or Australia/Sydney (--time-zone).`,
      });
    }
  });

export const FirstBranch = z.object({
  code: RecordCode,
  name: z
    .string()
    .trim()
    .min(1, 'Give the branch a name (--branch-name), e.g. --branch-name "Main Library".')
    .max(200, 'A branch name has at most 200 characters.')
    .superRefine(refuseHiddenCharacters),
  timeZone: IanaTimeZone,
});
export type FirstBranch = z.infer<typeof FirstBranch>;
