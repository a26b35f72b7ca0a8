export { IdentityModule } from './identity.module';
export { IdentityService, type LoginResult } from './identity.service';
export { hashPassword, verifyPassword } from './password';
export { clearExpiredLoginCounters } from './login-limits';
