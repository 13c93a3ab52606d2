import { runService } from '@verbatim/kit';
import { createReporting } from './app.js';
import { loadReportingConfigOrExit } from './env.js';

const config = loadReportingConfigOrExit();
runService('reporting', config, (base) => createReporting({ ...base, config }));
