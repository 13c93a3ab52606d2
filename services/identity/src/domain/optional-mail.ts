import type { UserDoc } from '../model/user.schema.js';

/**
 * Whether an account may get mail the law does not require (an invitation, news): not while its
 * processing is restricted (Art. 18) nor once it objected to COMMUNICATION (Art. 21). Legal mail (a
 * notice before a restriction is lifted, a policy change) is sent regardless. No account: nothing objects.
 */
export const mayReceiveOptionalMail = (user: Pick<UserDoc, 'restricted' | 'objections'> | null | undefined): boolean =>
  !user || (!user.restricted && !(user.objections ?? []).includes('COMMUNICATION'));
