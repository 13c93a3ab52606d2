import type { ArchiveReader, EventBus, Logger, OutboxRelay } from '@verbatim/kit';
import type { AnonymizedResponseRepository } from '../model/anonymized-response.repository.js';
import type { DatasetCountRepository } from '../model/dataset-count.repository.js';
import type { PseudonymTableRepository } from '../model/pseudonym-table.repository.js';
import type { SubjectRepository } from '../model/subject.repository.js';
import type { Pseudonymizer } from './pseudonym.js';

export interface AnonymizerDeps {
  subjects: SubjectRepository;
  anonymized: AnonymizedResponseRepository;
  datasetCounts: DatasetCountRepository;
  pseudonymTables: PseudonymTableRepository;
  pseudonymOf: Pseudonymizer;
  /** The keyed digest of a dataset's pseudonym table keys. */
  tableDigest: (datasetId: string) => (value: string) => string;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  log: Logger;
  /** The DPO's read of the service's intermediate archive (kit createArchiveReader). */
  readArchive: ArchiveReader;
}
