import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';

/** Consent needs only what every subgraph needs (see the kit's subgraphEnvShape). */
export type ConsentConfig = ReturnType<typeof loadConsentConfig>;
export const loadConsentConfig = () => parseConfigOrExit('consent', subgraphEnvShape);
