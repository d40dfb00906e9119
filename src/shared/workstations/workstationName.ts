// What a workstation may be called, wherever one is named: at sign-in, in every offline
// transaction and file, in an upload's options and in the report's filter. Plain letters and
// digits only, so no name can hide characters that make it show as another workstation's.
import { z } from 'zod';

export const MAX_WORKSTATION_NAME_CHARS = 40;

/** Starts with a letter or digit; then letters, digits, spaces, dots, dashes, underscores. */
export const WORKSTATION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

export const WORKSTATION_NAME_RULE =
  'Use letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit';

const TOO_LONG = `A workstation name has at most ${MAX_WORKSTATION_NAME_CHARS} characters.`;

/** A workstation name as stored and exchanged (transactions, files): checked, never altered. */
export const WorkstationName = z
  .string()
  .min(1, 'Name the workstation.')
  .max(MAX_WORKSTATION_NAME_CHARS, TOO_LONG)
  .regex(WORKSTATION_NAME_PATTERN, WORKSTATION_NAME_RULE);

/** A workstation name as staff type it: surrounding spaces dropped, then the same rule. */
export const WorkstationNameInput = z
  .string()
  .trim()
  .min(1, 'Enter a workstation name.')
  .max(MAX_WORKSTATION_NAME_CHARS, TOO_LONG)
  .regex(WORKSTATION_NAME_PATTERN, WORKSTATION_NAME_RULE);
