import type { ArchiveReader, EventBus, Logger, OutboxRelay } from '@verbatim/kit';
import type { ConsentRepository } from '../model/consent.repository.js';
import type { ConsentNoticeRepository } from '../model/notice.repository.js';
import type { ReceiptDeps } from './receipts.js';

/** What the consent domain needs; resolvers and the rights strategies receive the same object. */
export interface ConsentDeps extends ReceiptDeps {
  consents: ConsentRepository;
  notices: ConsentNoticeRepository;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  log: Logger;
  /** The DPO's read of the service's intermediate archive (kit createArchiveReader). */
  readArchive: ArchiveReader;
}
