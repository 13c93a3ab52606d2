/**
 * Whether a restriction applies to an event: only to events created before this service applied it.
 * Ingestion sends nothing for a restricted respondent, so a later event is a re-forward after a lift
 * whose LIFT_RESTRICTION this service has not consumed yet (the two arrive on different topics).
 */
export function restrictionApplies(subject: { restricted: boolean; restrictedAt?: Date | null } | null, occurredAt: string): boolean {
  if (!subject?.restricted) return false;
  if (!subject.restrictedAt) return true;
  return new Date(occurredAt).getTime() <= subject.restrictedAt.getTime();
}
