export interface TestDatabase {
  name: string;
  /** URL of this test file's own database. */
  url: string;
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
