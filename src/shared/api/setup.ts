// GET /api/setup: what the sign-in page needs to know about a library that is not set up yet. It
// is public, so it says one thing only: whether an administrator still has to be created.
import { z } from 'zod';

export const SetupStatus = z.object({
  /** True when no administrator may sign in: someone on the server runs `npx circa create-admin`. */
  needsAdministrator: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;
