export interface TestDatabase {
  name: string;
  /** URL of this test file's own database, as the superuser (to check and tamper behind the API's back). */
  url: string;
  /** The same database as the API's runtime role (a member of policy_cms_runtime that owns nothing). */
  appUrl: string;
  /** URL of the server's maintenance database (superuser in the embedded server). */
  adminUrl: string;
}

let current: TestDatabase | undefined;

export function setCurrentDatabase(database: TestDatabase): void {
  current = database;
}

/** This test file's database; available from beforeAll on. */
export function currentDatabase(): TestDatabase {
  if (!current) throw new Error('the test database is created in beforeAll; use it from there on');
  return current;
}
