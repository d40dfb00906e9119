// The real Circa server (e2e/support/server.ts) on a fault trial's database, with sign-in throttling
// lifted: a trial signs in many desks from one address within a minute.
import { startServer, type CircaServer } from '../../e2e/support/server.ts';

export async function startTrialServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<CircaServer> {
  return startServer({
    env: { DATABASE_URL: databaseUrl, SIGN_IN_ATTEMPTS_PER_MINUTE: '10000', ...env },
  });
}
