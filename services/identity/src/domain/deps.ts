import type { UserRepository } from '../model/user.repository.js';
import type { WorkspaceRepository } from '../model/workspace.repository.js';
import type { KeyRing } from './signing.js';

/** What the identity domain needs; resolvers and the rights strategies receive the same object. */
export interface IdentityDeps {
  users: UserRepository;
  workspaces: WorkspaceRepository;
  keys: KeyRing;
}
