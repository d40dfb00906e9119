// Compiles the server once before the test projects that start it (db, bench, e2e, faults) run
// any file, so a test never starts an older build than the source it sits beside.
import { buildServer } from './compiledServer.ts';

export default function setup(): void {
  buildServer();
}
