import type { ArchiveReader, EventBus, Logger, Mailer, OutboxRelay, ServiceSigner } from '@verbatim/kit';
import type { AccessSectionRepository } from '../model/access-section.repository.js';
import type { AuditLogRepository } from '../model/audit-log.repository.js';
import type { AuditRepository } from '../model/audit.repository.js';
import type { LegalHoldRepository } from '../model/legal-hold.repository.js';
import type { RefusalRepository } from '../model/refusal.repository.js';
import type { HolderKeys } from './receipts.js';
import type { PortabilityDeliveryRepository } from '../model/portability-delivery.repository.js';
import type { RightsRequestRepository } from '../model/request.repository.js';

/** The time the domain reads: the system clock in production, one a test can move. */
export type Clock = () => Date;

/** How the workflow waits, re-asks and flags (see env.ts for each value's meaning). */
export interface WorkflowSettings {
  reaskAfterMs: number;
  maxAsks: number;
  repetitionThreshold: number;
  repetitionWindowDays: number;
}

/** What the rights domain needs; resolvers and event handlers receive the same object. */
export interface RightsDeps {
  requests: RightsRequestRepository;
  /** Holders' sections of access answers. */
  sections: AccessSectionRepository;
  /** The platform's audit log of personal-data reads and changes. */
  auditLog: AuditLogRepository;
  holds: LegalHoldRepository;
  audit: AuditRepository;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  /** Tells the subject about their request (extension, refusal, fee). */
  mailer: Pick<Mailer, 'enqueueMail'>;
  log: Logger;
  digestKey: string;
  /** Signs completion certificates. */
  signer: ServiceSigner;
  /** Each holder's published keys: its receipts verify against these only. */
  holderKeys: HolderKeys;
  /** Acknowledgements refused (forged, replayed, wrongly signed), kept as evidence. */
  refusals: RefusalRepository;
  clock: Clock;
  workflow: WorkflowSettings;
  deliveries: PortabilityDeliveryRepository;
  portability: PortabilitySettings;
  /** The DPO's read of the service's intermediate archive (kit createArchiveReader). */
  readArchive: ArchiveReader;
}
export interface PortabilitySettings {
  /** How long a download link stays valid after the archive is ready. */
  linkTtlMs: number;
  /** Attempts to send an archive to another controller, and the first backoff (doubled each time). */
  attempts: number;
  retryBaseMs: number;
  /** Extra CA certificates (PEM) trusted for destinations, besides the system's (test stack only). */
  trustedCa?: string;
}
