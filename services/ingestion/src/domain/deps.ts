import type { EventBus, Logger, OutboxRelay } from '@verbatim/kit';
import type { ConsentStateRepository } from '../model/consent-state.repository.js';
import type { DatasetRepository } from '../model/dataset.repository.js';
import type { ImportJobRepository } from '../model/import-job.repository.js';
import type { ImportStaging } from '../model/import-staging.repository.js';
import type { RespondentRepository } from '../model/respondent.repository.js';
import type { ResponseRepository } from '../model/response.repository.js';

/** What the domain functions need; resolvers and event handlers pass the same object. */
export interface IngestionDeps {
  datasets: DatasetRepository;
  respondents: RespondentRepository;
  responses: ResponseRepository;
  imports: ImportJobRepository;
  staging: ImportStaging;
  consentStates: ConsentStateRepository;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  log: Logger;
}
