import { runService } from '@verbatim/kit';
import { createAnonymizer } from './app.js';
import { loadAnonymizerConfig } from './env.js';

const config = loadAnonymizerConfig();
runService('anonymizer', config, (base) => createAnonymizer({ ...base, config }));
