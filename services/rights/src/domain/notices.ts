import { loadDataMap } from '@verbatim/contracts';
import { type MailTemplateId, type MailTemplateVariables } from '@verbatim/kit';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { RightsDeps } from './deps.js';
import { wrongState } from './authority.js';

/** The address to tell the subject at: the request's, or the one given with the decision. Refuses (nothing written) when there is none. */
export function contactOf(request: RightsRequestDoc, given?: string | null): string {
  const address = given ?? request.contactEmail;
  if (!address) {
    throw wrongState(`Request ${request._id} has no contactEmail to tell the subject at: give contactEmail with this decision (the subject must be told).`, { field: 'contactEmail' });
  }
  return address;
}

/** Queues a mail to the subject in the request's locale (French by default: the controller and the CNIL are French). */
export async function tellSubject<T extends MailTemplateId>(deps: RightsDeps, request: RightsRequestDoc, to: string, templateId: T, variables: MailTemplateVariables[T]): Promise<void> {
  await deps.mailer.enqueueMail({ templateId, locale: request.contactLocale ?? 'fr', to, variables });
  deps.log.info({ requestId: request._id, templateId }, 'subject told');
}

/** The CNIL's contact (Art. 77), from the data map's policy: what a refusal must tell the person. */
export function complaintAuthority() {
  const { name, address, phone, website } = loadDataMap().policy.supervisoryAuthority;
  return { authorityName: name, authorityAddress: address, authorityPhone: phone, authorityWebsite: website };
}

/** "12 March 2027" style dates in mails: the day, in UTC. */
export const mailDate = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
