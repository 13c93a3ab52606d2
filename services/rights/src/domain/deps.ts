import type { EventBus, Logger, OutboxRelay } from '@verbatim/kit';
import type { AccessSectionRepository } from '../model/access-section.repository.js';
import type { AuditLogRepository } from '../model/audit-log.repository.js';
import type { RightsRequestRepository } from '../model/request.repository.js';

/** What the rights domain needs; resolvers and event handlers receive the same object. */
export interface RightsDeps {
  requests: RightsRequestRepository;
  /** Holders' sections of access answers. */
  sections: AccessSectionRepository;
  /** The platform's audit log of personal-data reads and changes. */
  auditLog: AuditLogRepository;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  log: Logger;
  digestKey: string;
}
