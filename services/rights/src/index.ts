import { runService } from '@verbatim/kit';
import { createRights } from './app.js';
import { loadRightsConfig } from './env.js';

const config = loadRightsConfig();
runService('rights', config, (base) => createRights({ ...base, config }));
