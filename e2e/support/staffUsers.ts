// Adds a staff user, and their branch unless one has its code, straight into a test server's SQLite
// file, for browser tests that need a sign-in of their own rather than the demo library's.
import Database from 'better-sqlite3';
import { hashPassword } from '../../src/server/auth/passwords.ts';

/** Must match PASSWORD_COST in support/server.ts, so the server verifies it as quickly. */
const TEST_PASSWORD_COST = 1024;

export interface TestStaffUser {
  username: string;
  password: string;
  displayName: string;
  role: 'circulation' | 'supervisor' | 'admin';
  branch: { code: string; name: string; timeZone: string };
}

export async function addStaffUser(databasePath: string, user: TestStaffUser): Promise<void> {
  const passwordHash = await hashPassword(user.password, TEST_PASSWORD_COST);
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `insert into branches (code, name, time_zone, closed_weekdays) values (?, ?, ?, '0')
       on conflict (code) do nothing`,
    ).run(user.branch.code, user.branch.name, user.branch.timeZone);
    const branch = db.prepare('select id from branches where code = ?').get(user.branch.code) as {
      id: number;
    };
    db.prepare(
      `insert into staff_users
         (username, display_name, password_hash, role, branch_id)
       values (?, ?, ?, ?, ?)`,
    ).run(user.username, user.displayName, passwordHash, user.role, branch.id);
  } finally {
    db.close();
  }
}
