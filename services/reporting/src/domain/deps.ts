import type { Logger } from '@verbatim/kit';
import type { Subprocessor } from '../llm/subprocessors.js';
import type { CorpusRepository } from '../model/corpus.repository.js';
import type { ReportRepository } from '../model/report.repository.js';
import type { SubjectRepository } from '../model/subject.repository.js';
import type { GenerateFn, Renderer } from './generator.js';

/** Everything the reporting domain needs; resolvers and event handlers receive the same object. */
export interface ReportingDeps {
  corpus: CorpusRepository;
  subjects: SubjectRepository;
  reports: ReportRepository;
  generate: GenerateFn;
  render: Renderer;
  /** The registered subprocessors, listed on request (transparency promise of the privacy policy). */
  subprocessors: () => Subprocessor[];
  log: Logger;
}
