import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@policy-cms/audit';
import { AuthenticatedUser, CLOCK, DomainError, ROLES, Role } from '@policy-cms/common';
import type { Clock } from '@policy-cms/temporal';
import { hashPassword, unknownUserHash, verifyPassword } from './password';

export interface IdentityOptions {
  tokenSecret: string;
  tokenTtlSeconds: number;
}
export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: AuthenticatedUser;
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  disabled: boolean;
}

const USER_COLUMNS = `id, username, display_name AS "displayName", password_hash AS "passwordHash", roles, disabled`;
const MIN_PASSWORD_LENGTH = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff accounts, login and bearer tokens. Every change and every login attempt is written to the audit trail. */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);
  // Failed logins are limited per user-and-address and per address: guessing is slowed without locking a user out
  // from everywhere. In memory: one API process; a shared store (rate-limiter-flexible has a PostgreSQL one) for more.
  private readonly failuresPerUser = new RateLimiterMemory({ keyPrefix: 'login-user', points: 5, duration: 15 * 60 });
  private readonly failuresPerAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: 30, duration: 15 * 60 });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, clientAddress: string | null): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    const userKey = `${name}|${clientAddress ?? '-'}`;
    const blocked = await this.blockedFor(userKey, clientAddress ?? '-');
    if (blocked) {
      await this.recordFailure(name, null, clientAddress, 'refused: too many failed logins');
      throw new DomainError('UNAUTHENTICATED', `too many failed logins; try again in ${blocked} s`);
    }

    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE username = $1`, [name]);
    // The same work whether or not the user exists, so timing does not tell which usernames are real.
    const valid = await verifyPassword(password, row?.passwordHash ?? (await unknownUserHash()));
    if (!row || !valid || row.disabled) {
      await Promise.all([
        this.failuresPerUser.penalty(userKey).catch(() => undefined),
        this.failuresPerAddress.penalty(clientAddress ?? '-').catch(() => undefined),
      ]);
      await this.recordFailure(name, row?.id ?? null, clientAddress, null);
      throw new DomainError('UNAUTHENTICATED', 'wrong username or password');
    }
    await this.failuresPerUser.delete(userKey);
    const user = toUser(row);
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, { action: 'auth.login', actorId: user.id, actorName: user.username, targetType: 'user', targetId: user.id, clientAddress }),
    );
    return this.issueToken(user);
  }

  /** The user behind a bearer token, re-read so that a disabled account or changed roles take effect at once. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) })).sub;
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'the token is invalid or has expired; log in again');
    }
    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE id = $1`, [subject]);
    if (!row || row.disabled) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists or is disabled');
    return toUser(row);
  }

  async users(): Promise<AuthenticatedUser[]> {
    const rows: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM user_account ORDER BY username`);
    return rows.map(toUser);
  }

  async createUser(
    actor: AuthenticatedUser | null,
    input: { username: string; displayName: string; password: string; roles: Role[] },
    clientAddress: string | null,
    manager?: EntityManager,
  ): Promise<AuthenticatedUser> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username)) {
      throw DomainError.badInput('username', 'a username is 2–63 characters: a–z, 0–9, dot, underscore or hyphen');
    }
    if (!input.displayName.trim()) throw DomainError.badInput('displayName', 'a display name is required');
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw DomainError.badInput('password', `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const roles = checkRoles(input.roles);
    const passwordHash = await hashPassword(input.password);
    const work = async (tx: EntityManager) => {
      const [existing] = await tx.query(`SELECT 1 FROM user_account WHERE username = $1`, [username]);
      if (existing) throw DomainError.conflict(`the username ${username} is taken`);
      const [row]: UserRow[] = await tx.query(
        `INSERT INTO user_account (username, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
        [username, input.displayName.trim(), passwordHash, roles],
      );
      const user = toUser(row);
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

  async setUserRoles(actor: AuthenticatedUser, userId: string, roles: Role[], clientAddress: string | null): Promise<AuthenticatedUser> {
    const checked = checkRoles(roles);
    // Not a uuid: no such user (PostgreSQL would refuse the cast, which would surface as INTERNAL).
    if (!UUID.test(userId)) throw DomainError.notFound('user');
    return this.dataSource.transaction(async (manager) => {
      const [before]: UserRow[] = await manager.query(`SELECT ${USER_COLUMNS} FROM user_account WHERE id = $1 FOR UPDATE`, [userId]);
      if (!before) throw DomainError.notFound('user');
      if (before.id === actor.id && before.roles.includes('ADMIN') && !checked.includes('ADMIN')) {
        throw DomainError.badInput('roles', 'an administrator cannot remove their own ADMIN role');
      }
      // TypeORM answers an UPDATE with [rows, rowCount]: the rows are the first element.
      const [[row]]: [UserRow[], number] = await manager.query(
        `UPDATE user_account SET roles = $2, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [userId, checked],
      );
      await this.audit.append(manager, {
        action: 'user.roles_change',
        actorId: actor.id,
        actorName: actor.username,
        targetType: 'user',
        targetId: userId,
        before: { roles: before.roles },
        after: { roles: row.roles },
        clientAddress,
      });
      return toUser(row);
    });
  }

  /** Creates the given users unless their usernames exist (demo users, or the first admin outside demo mode). */
  async ensureUsers(users: { username: string; displayName: string; password: string; roles: Role[] }[]): Promise<number> {
    let created = 0;
    for (const user of users) {
      const [existing] = await this.dataSource.query(`SELECT 1 FROM user_account WHERE username = $1`, [user.username]);
      if (existing) continue;
      await this.createUser(null, user, null);
      created++;
    }
    if (created) this.logger.log(`created ${created} user(s): ${users.map((u) => u.username).join(', ')}`);
    return created;
  }

  /** Seconds until the caller may try again, or null when they are not blocked. */
  private async blockedFor(userKey: string, addressKey: string): Promise<number | null> {
    const [perUser, perAddress] = await Promise.all([this.failuresPerUser.get(userKey), this.failuresPerAddress.get(addressKey)]);
    const blocked = [perUser, perAddress].find((state): state is RateLimiterRes => !!state && state.remainingPoints <= 0);
    return blocked ? Math.ceil(blocked.msBeforeNext / 1000) : null;
  }

  /** Every failed login is in the trail, refused ones included, in a transaction of its own. */
  private recordFailure(username: string, userId: string | null, clientAddress: string | null, reason: string | null) {
    return this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        action: 'auth.login_failed',
        actorId: null,
        actorName: username,
        targetType: 'user',
        targetId: userId,
        reason,
        clientAddress,
      }),
    );
  }

  private async issueToken(user: AuthenticatedUser): Promise<LoginResult> {
    const token = await this.jwt.signAsync({ sub: user.id, username: user.username, iat: Math.floor(this.clock.now().getTime() / 1000) });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000), user };
  }
}

function checkRoles(roles: readonly string[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0) throw DomainError.badInput('roles', 'at least one role is required');
  const unknown = unique.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length) throw DomainError.badInput('roles', `unknown role(s): ${unknown.join(', ')}`);
  return unique as Role[];
}

function toUser(row: UserRow): AuthenticatedUser {
  return { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles };
}
