// A database that is down, for tests of what the server says then: its connections are refused at
// once, or never handed out (a hung server or an exhausted pool).
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import type { Database } from '../db/schema.ts';

export function unreachableDatabase(fault: 'fail' | 'hang'): Kysely<Database> {
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: () =>
      fault === 'fail'
        ? Promise.reject(new Error('connect ECONNREFUSED'))
        : new Promise<DatabaseConnection>(() => undefined),
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
