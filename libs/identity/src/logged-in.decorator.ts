import { SetMetadata } from '@nestjs/common';

export const LOGGED_IN_KEY = 'policy-cms:logged-in';

/**
 * Any logged-in account, a role-less one included: for what concerns the caller's own account (`me`, their
 * password), not the data. `@Staff()` still needs one of the roles.
 */
export const LoggedIn = () => SetMetadata(LOGGED_IN_KEY, true);
