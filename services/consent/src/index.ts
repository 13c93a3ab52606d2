import { runService } from '@verbatim/kit';
import { createConsent } from './app.js';
import { loadConsentConfig } from './env.js';

const config = loadConsentConfig();
runService('consent', config, (base) => createConsent({ ...base, config }));
