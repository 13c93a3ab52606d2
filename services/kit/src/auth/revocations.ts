import { ACCESS_REVOKED } from '@verbatim/contracts';
import type { EventBus } from '../kafka/bus.js';
import type { DenyList } from './deny-list.js';

/** Fills `denyList` from identity's revocations, from the oldest retained one; resolves once listening. */
export const listenForRevocations = (bus: EventBus, denyList: DenyList) => bus.broadcast(ACCESS_REVOKED, (event) => denyList.add(event.payload));

/** The header the gateway sets to the caller's network address; subgraphs trust only the gateway's. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';
