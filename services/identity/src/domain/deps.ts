import type { DenyList, EventBus, Mailer, OutboxRelay } from '@verbatim/kit';
import type { AccessGrantRepository } from '../model/access-grant.repository.js';
import type { AccountTokenRepository } from '../model/account-token.repository.js';
import type { ApiClientRepository } from '../model/api-client.repository.js';
import type { AssistanceThreadRepository } from '../model/assistance-thread.repository.js';
import type { InterestRepository } from '../model/interest.repository.js';
import type { LoginThrottleRepository } from '../model/login-throttle.repository.js';
import type { RevocationRepository } from '../model/revocation.repository.js';
import type { SessionRepository } from '../model/session.repository.js';
import type { UserRepository } from '../model/user.repository.js';
import type { PrivacyPolicyRepository } from '../model/privacy-policy.repository.js';
import type { RespondentCodeRepository } from '../model/respondent-code.repository.js';
import type { WorkspaceRepository } from '../model/workspace.repository.js';
import type { IdentitySettings } from '../env.js';
import type { PasswordHasher } from './passwords.js';
import type { KeyRing } from './signing.js';
import type { ThrottlePolicies } from './throttle.js';

/** What the identity domain needs; resolvers, routes and the rights strategies receive the same object. */
export interface IdentityDeps {
  users: UserRepository;
  workspaces: WorkspaceRepository;
  sessions: SessionRepository;
  revocations: RevocationRepository;
  throttles: LoginThrottleRepository;
  accountTokens: AccountTokenRepository;
  apiClients: ApiClientRepository;
  policies: PrivacyPolicyRepository;
  assistance: AssistanceThreadRepository;
  interests: InterestRepository;
  accessGrants: AccessGrantRepository;
  /** Builds the envelopes that documents carry in their outbox. */
  bus: Pick<EventBus, 'envelope'>;
  /** Respondents' one-time codes (the workspace's public privacy page). */
  codes: RespondentCodeRepository;
  keys: KeyRing;
  passwords: PasswordHasher;
  mailer: Mailer;
  relay: OutboxRelay;
  /** This process's own deny list: a revocation is applied here at once, before the event comes back. */
  denyList: DenyList;
  throttle: ThrottlePolicies;
  settings: IdentitySettings;
}
