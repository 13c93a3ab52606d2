import { runService } from '@verbatim/kit';
import { createIdentity } from './app.js';
import { loadIdentityConfig } from './env.js';

const config = loadIdentityConfig();
runService('identity', config, (base) => createIdentity({ ...base, config }));
