import type { EventBus, Logger, OutboxRelay, ServiceSigner } from '@verbatim/kit';
import type { AccessSectionRepository } from '../model/access-section.repository.js';
import type { PortabilityDeliveryRepository } from '../model/portability-delivery.repository.js';
import type { RightsRequestRepository } from '../model/request.repository.js';

/** What the rights domain needs; resolvers and event handlers receive the same object. */
export interface RightsDeps {
  requests: RightsRequestRepository;
  /** Holders' sections of access answers. */
  sections: AccessSectionRepository;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  log: Logger;
  digestKey: string;
  /** Signs portability links and transmitted archives. */
  signer: ServiceSigner;
  deliveries: PortabilityDeliveryRepository;
  portability: PortabilitySettings;
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
