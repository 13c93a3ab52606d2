import { runService } from '@verbatim/kit';
import { createIngestion } from './app.js';
import { loadIngestionConfig } from './env.js';

const config = loadIngestionConfig();
runService('ingestion', config, (base) => createIngestion({ ...base, config }));
