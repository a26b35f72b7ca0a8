import type { AuditAction } from '@policy-cms/contract';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@policy-cms/audit';
import { AuthenticatedUser, CLOCK, DomainError, ROLES, Role, isUuid } from '@policy-cms/common';
import type { Clock } from '@policy-cms/temporal';
import {
  ATTEMPTS_PER_ADDRESS,
  ATTEMPTS_PER_USER_AND_ADDRESS,
  LOGIN_WINDOW_SECONDS,
  LoginBudget,
  budgetAddress,
  clearExpiredLoginCounters,
} from './login-limits';
import { hashPassword, unknownUserHash, verifyPassword } from './password';

export interface IdentityOptions {
  tokenSecret: string;
  tokenTtlSeconds: number;
}
export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: StaffAccount;
}

/** A staff account as an administrator sees it. */
export interface StaffAccount extends AuthenticatedUser {
  active: boolean;
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  disabled: boolean;
  credentialsVersion: number;
}

/** What a bearer token carries; `cv` is the account's credentials version when it was issued. */
interface TokenClaims {
  sub?: unknown;
  exp?: unknown;
  cv?: unknown;
}

const USER_COLUMNS = `id, username, display_name AS "displayName", password_hash AS "passwordHash", roles, disabled,
  credentials_version AS "credentialsVersion"`;
const MIN_PASSWORD_LENGTH = 12;
// Bounds checked before anything is hashed, logged or stored: account names have at most 63 characters, and scrypt
// over a megabyte-long password would be work an anonymous caller chooses.
export const MAX_USERNAME_LENGTH = 64;
export const MAX_PASSWORD_LENGTH = 1024;
// Expired login counters are deleted this often (the library's own timer uses the same period).
const COUNTER_CLEANUP_MS = 5 * 60_000;
/** Key of the advisory lock ('staff' in ASCII) that serialises changes which could leave no active administrator. */
const ADMIN_SET_LOCK = 0x7374616666;
/** A display name is a person's name as staff see it: a line, not a paragraph. */
const MAX_DISPLAY_NAME_LENGTH = 100;

/** Staff accounts, login and bearer tokens. Every change and every login attempt is written to the audit trail. */
@Injectable()
export class IdentityService implements OnModuleDestroy {
  private readonly logger = new Logger(IdentityService.name);
  // Attempts are limited per user-and-address and per address, never per username alone: guessing is slowed, and
  // nobody can lock a user out from everywhere by failing on purpose. Counted in PostgreSQL, shared by all instances.
  private readonly perUserAndAddress: LoginBudget;
  private readonly perAddress: LoginBudget;
  private readonly counterCleanup: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.perUserAndAddress = new LoginBudget(dataSource, 'user', ATTEMPTS_PER_USER_AND_ADDRESS);
    this.perAddress = new LoginBudget(dataSource, 'address', ATTEMPTS_PER_ADDRESS);
    // The counters' windows run on real time (the library's Date.now()), not on the injected clock.
    this.counterCleanup = setInterval(() => void clearExpiredLoginCounters(dataSource, Date.now()), COUNTER_CLEANUP_MS);
    this.counterCleanup.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.counterCleanup);
  }

  async login(username: string, password: string, clientAddress: string | null): Promise<LoginResult> {
    checkUsernameBound('username', username);
    checkPasswordBound('password', password);
    const name = username.trim().toLowerCase();
    const address = clientAddress ? budgetAddress(clientAddress) : '-';
    const userKey = `${name}|${address}`;
    // The attempt is counted before the password is checked, atomically: a burst of guesses cannot all be checked.
    await this.admitAttempt(name, userKey, address, clientAddress);

    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE username = $1`, [name]);
    // The same work whether or not the user exists, so timing does not tell which usernames are real.
    const valid = await verifyPassword(password, row?.passwordHash ?? (await unknownUserHash()));
    if (!row || !valid || row.disabled) {
      await this.recordFailure(name, row?.id ?? null, clientAddress, null);
      throw new DomainError('UNAUTHENTICATED', 'wrong username or password');
    }
    await Promise.all([this.perUserAndAddress.clear(userKey), this.perAddress.giveBack(address)]);
    const user = toUser(row);
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, { action: 'auth.login', actorId: user.id, actorName: user.username, targetType: 'user', targetId: user.id, clientAddress }),
    );
    return this.issueToken(user, row.credentialsVersion);
  }

  /** The user behind a bearer token, re-read so that a disabled account, changed roles or a new password take effect at once. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'the token is invalid or has expired; log in again');
    }
    // A token without an expiry would never end; one whose subject is not an account id names nobody.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || !isUuid(claims.sub) || typeof claims.cv !== 'number') {
      throw new DomainError('UNAUTHENTICATED', 'the token is invalid or has expired; log in again');
    }
    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE id = $1`, [claims.sub]);
    if (!row || row.disabled) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists or is disabled');
    if (claims.cv !== row.credentialsVersion) {
      throw new DomainError('UNAUTHENTICATED', 'the token was issued before a password change or a deactivation; log in again');
    }
    return toUser(row);
  }

  async users(): Promise<StaffAccount[]> {
    const rows: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account ORDER BY username`);
    return rows.map(toAccount);
  }

  async createUser(
    actor: AuthenticatedUser | null,
    input: { username: string; displayName: string; password: string; roles: Role[] },
    clientAddress: string | null,
    manager?: EntityManager,
  ): Promise<StaffAccount> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username)) {
      throw DomainError.badInput('username', 'a username is 2–63 characters: a–z, 0–9, dot, underscore or hyphen');
    }
    if (!input.displayName.trim()) throw DomainError.badInput('displayName', 'a display name is required');
    if (input.displayName.trim().length > MAX_DISPLAY_NAME_LENGTH) {
      throw DomainError.badInput('displayName', `a display name has at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
    }
    checkNewPassword('password', input.password);
    const roles = checkRoles(input.roles);
    const passwordHash = await hashPassword(input.password);
    const work = async (tx: EntityManager) => {
      const [existing] = await tx.query(`SELECT 1 FROM user_account WHERE username = $1`, [username]);
      if (existing) throw DomainError.conflict(`the username ${username} is taken`);
      const [row]: UserRow[] = await tx.query(
        `INSERT INTO user_account (username, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
        [username, input.displayName.trim(), passwordHash, roles],
      );
      const user = toAccount(row);
      await this.audit.append(tx, {
        action: 'user.create',
        actorId: actor?.id ?? null,
        actorName: actor?.username ?? 'system',
        targetType: 'user',
        targetId: user.id,
        after: { username: user.username, displayName: user.displayName, roles: user.roles },
        clientAddress,
      });
      return user;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async setUserRoles(actor: AuthenticatedUser, userId: string, roles: Role[], clientAddress: string | null): Promise<StaffAccount> {
    const checked = checkRoles(roles);
    const row = await this.changeAccount(userId, async (manager, before) => {
      if (before.roles.includes('ADMIN') && !checked.includes('ADMIN')) {
        if (before.id === actor.id) throw DomainError.badInput('roles', 'an administrator cannot remove their own ADMIN role');
        await this.keepAnActiveAdmin(manager, before.id, 'roles');
      }
      // TypeORM answers an UPDATE with [rows, rowCount]: the rows are the first element.
      const [[row]]: [UserRow[], number] = await manager.query(
        `UPDATE user_account SET roles = $2, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [userId, checked],
      );
      await this.audit.append(manager, {
        ...changeEvent('user.roles_change', actor, userId, clientAddress),
        before: { roles: before.roles },
        after: { roles: row.roles },
      });
      return row;
    });
    return toAccount(row);
  }

  /** Switches an account off from its next request on; its tokens stay dead after a reactivation. */
  async deactivateUser(actor: AuthenticatedUser, userId: string, clientAddress: string | null): Promise<StaffAccount> {
    const row = await this.changeAccount(userId, async (manager, before) => {
      if (before.id === actor.id) throw DomainError.badInput('userId', 'an administrator cannot deactivate their own account');
      if (before.disabled) return before;
      if (before.roles.includes('ADMIN')) await this.keepAnActiveAdmin(manager, before.id, 'userId');
      const row = await this.updateAccount(manager, userId, `disabled = true, credentials_version = credentials_version + 1`);
      await this.audit.append(manager, { ...changeEvent('user.deactivate', actor, userId, clientAddress), before: { active: true }, after: { active: false } });
      return row;
    });
    return toAccount(row);
  }

  async reactivateUser(actor: AuthenticatedUser, userId: string, clientAddress: string | null): Promise<StaffAccount> {
    const row = await this.changeAccount(userId, async (manager, before) => {
      if (!before.disabled) return before;
      const row = await this.updateAccount(manager, userId, `disabled = false`);
      await this.audit.append(manager, { ...changeEvent('user.reactivate', actor, userId, clientAddress), before: { active: false }, after: { active: true } });
      return row;
    });
    return toAccount(row);
  }

  /**
   * A caller's own new password. The current one is checked like a login (same budgets, same trail), so a stolen
   * token cannot be used to guess it. Every earlier token of the account stops working; a fresh one is returned.
   */
  async changePassword(actor: AuthenticatedUser, currentPassword: string, newPassword: string, clientAddress: string | null): Promise<LoginResult> {
    checkPasswordBound('currentPassword', currentPassword);
    checkNewPassword('newPassword', newPassword);
    const address = clientAddress ? budgetAddress(clientAddress) : '-';
    const userKey = `${actor.username}|${address}`;
    await this.admitAttempt(actor.username, userKey, address, clientAddress);
    const [current]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE id = $1`, [actor.id]);
    if (!current || !(await verifyPassword(currentPassword, current.passwordHash))) {
      await this.recordFailure(actor.username, actor.id, clientAddress, 'password change: wrong current password', actor);
      throw DomainError.badInput('currentPassword', 'the current password is wrong');
    }
    await Promise.all([this.perUserAndAddress.clear(userKey), this.perAddress.giveBack(address)]);
    const passwordHash = await hashPassword(newPassword);
    const row = await this.changeAccount(actor.id, async (manager) => {
      const changed = await this.updateAccount(manager, actor.id, `password_hash = $2, credentials_version = credentials_version + 1`, [passwordHash]);
      await this.audit.append(manager, changeEvent('user.password_change', actor, actor.id, clientAddress));
      return changed;
    });
    return this.issueToken(toUser(row), row.credentialsVersion);
  }

  /** An administrator sets someone's password (a forgotten one, or a new account's first); their tokens stop working. */
  async resetPassword(actor: AuthenticatedUser, userId: string, newPassword: string, clientAddress: string | null): Promise<StaffAccount> {
    checkNewPassword('newPassword', newPassword);
    const passwordHash = await hashPassword(newPassword);
    const row = await this.changeAccount(userId, async (manager) => {
      const row = await this.updateAccount(manager, userId, `password_hash = $2, credentials_version = credentials_version + 1`, [passwordHash]);
      await this.audit.append(manager, changeEvent('user.password_reset', actor, userId, clientAddress));
      return row;
    });
    return toAccount(row);
  }

  /** Creates the given users unless their usernames exist (demo users, or the first admin outside demo mode). */
  async ensureUsers(users: { username: string; displayName: string; password: string; roles: Role[] }[]): Promise<number> {
    let created = 0;
    for (const user of users) {
      const [existing] = await this.dataSource.query(`SELECT 1 FROM user_account WHERE username = $1`, [user.username]);
      if (existing) continue;
      try {
        await this.createUser(null, user, null);
        created++;
      } catch (error) {
        // Instances starting together create the same users: the one that loses the race finds the user there.
        if (!isUsernameTaken(error)) throw error;
      }
    }
    if (created) this.logger.log(`created ${created} user(s): ${users.map((u) => u.username).join(', ')}`);
    return created;
  }

  /**
   * Takes one attempt from both budgets, or refuses with RATE_LIMITED. Of the refused attempts, only the first of each
   * window is written to the trail: a flood of refusals cannot grow it.
   */
  private async admitAttempt(name: string, userKey: string, address: string, clientAddress: string | null): Promise<void> {
    const [byAddress, byUser] = await Promise.all([this.perAddress.take(address), this.perUserAndAddress.take(userKey)]);
    const refused = [byAddress, byUser].filter((taken) => taken.refused);
    if (refused.length === 0) return;
    const minutes = LOGIN_WINDOW_SECONDS / 60;
    for (const [taken, which] of [[byUser, 'for this user from this address'], [byAddress, 'from this address']] as const) {
      if (!taken.firstRefusal) continue;
      await this.recordFailure(name, null, clientAddress, `refused: too many failed logins ${which}; further refusals in this ${minutes}-minute window are not recorded`);
    }
    const seconds = Math.max(1, Math.ceil(Math.max(...refused.map((taken) => taken.msBeforeNext)) / 1000));
    throw new DomainError('RATE_LIMITED', `too many failed logins; try again in ${seconds} s`);
  }

  /** Locks the account row, runs the change in one transaction with its audit event. */
  private changeAccount(userId: string, change: (manager: EntityManager, before: UserRow) => Promise<UserRow>): Promise<UserRow> {
    // The resolver's UuidArg refuses a malformed id; this keeps a direct caller from reaching the uuid cast too.
    if (!isUuid(userId)) throw DomainError.badInput('userId', 'userId must be a UUID');
    return this.dataSource.transaction(async (manager) => {
      // The admin-set lock first, then the row: every account change takes them in this order.
      await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [ADMIN_SET_LOCK]);
      const [before]: UserRow[] = await manager.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE id = $1 FOR UPDATE`, [userId]);
      if (!before) throw DomainError.notFound('user');
      return change(manager, before);
    });
  }

  private async updateAccount(manager: EntityManager, userId: string, assignments: string, values: unknown[] = []): Promise<UserRow> {
    const [[row]]: [UserRow[], number] = await manager.query(
      `UPDATE user_account SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [userId, ...values],
    );
    return row;
  }

  /** Refuses a change that would leave no active ADMIN; the caller holds the admin-set lock. */
  private async keepAnActiveAdmin(manager: EntityManager, losingId: string, field: string): Promise<void> {
    const [{ others }]: { others: number }[] = await manager.query(
      `SELECT count(*)::int AS others FROM user_account WHERE 'ADMIN' = ANY (roles) AND NOT disabled AND id <> $1`,
      [losingId],
    );
    if (others === 0) throw DomainError.badInput(field, 'at least one active administrator must remain');
  }

  /**
   * Every failed login is in the trail, refused ones included, in a transaction of its own. A caller who is not signed
   * in is recorded under the name they typed (no actor id: it proves nothing); a signed-in person whose password
   * check failed (changing their password) is recorded as that person.
   */
  private recordFailure(
    username: string,
    userId: string | null,
    clientAddress: string | null,
    reason: string | null,
    signedIn: { id: string } | null = null,
  ) {
    return this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        action: 'auth.login_failed',
        actorId: signedIn?.id ?? null,
        actorName: username,
        targetType: 'user',
        targetId: userId,
        reason,
        clientAddress,
      }),
    );
  }

  private async issueToken(user: AuthenticatedUser, credentialsVersion: number): Promise<LoginResult> {
    const token = await this.jwt.signAsync({
      sub: user.id,
      username: user.username,
      cv: credentialsVersion,
      iat: Math.floor(this.clock.now().getTime() / 1000),
    });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000), user: { ...user, active: true } };
  }
}

/** An account may hold no role: it can then log in and see itself, nothing else. */
function checkRoles(roles: readonly string[]): Role[] {
  const unique = [...new Set(roles)];
  const unknown = unique.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length) throw DomainError.badInput('roles', `unknown role(s): ${unknown.join(', ')}`);
  return unique as Role[];
}

function toUser(row: UserRow): AuthenticatedUser {
  return { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles };
}

function toAccount(row: UserRow): StaffAccount {
  return { ...toUser(row), active: !row.disabled };
}

/** The audit fields every account change shares; passwords, old or new, never go in. */
function changeEvent(action: AuditAction, actor: AuthenticatedUser, userId: string, clientAddress: string | null) {
  return { action, actorId: actor.id, actorName: actor.username, targetType: 'user', targetId: userId, clientAddress };
}

// Login-sized input only: refused before it is hashed, logged or stored, and with no audit event.
function checkUsernameBound(field: string, username: string): void {
  if (username.length > MAX_USERNAME_LENGTH) throw DomainError.badInput(field, `a username has at most ${MAX_USERNAME_LENGTH} characters`);
}

function checkPasswordBound(field: string, password: string): void {
  if (password.length > MAX_PASSWORD_LENGTH) throw DomainError.badInput(field, `a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

function checkNewPassword(field: string, password: string): void {
  checkPasswordBound(field, password);
  if (password.length < MIN_PASSWORD_LENGTH) throw DomainError.badInput(field, `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
}

/** A username created by someone else meanwhile: seen by createUser's check, or refused by the unique index. */
function isUsernameTaken(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === 'CONFLICT';
  const driverError = (error as { driverError?: { code?: unknown; constraint?: unknown } })?.driverError;
  return driverError?.code === '23505' && driverError.constraint === 'user_account_username';
}
