import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';

/** Ingestion needs only what every subgraph needs (see the kit's subgraphEnvShape). */
export type IngestionConfig = ReturnType<typeof loadIngestionConfig>;
export const loadIngestionConfig = () => parseConfigOrExit('ingestion', subgraphEnvShape);
