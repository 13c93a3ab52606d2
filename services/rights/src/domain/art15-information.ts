import type { DataMap, DataSubjectType } from '@verbatim/contracts';

/** The information Art. 15(1)-(2) owes a person with their data, generated from the data map for their subject type. */
export interface Art15Information {
  controller: string;
  controllerAddress: string;
  dpoContact: string;
  purposes: Array<{ purpose: string; description: string; legalBases: string[]; categories: string[] }>;
  categories: Array<{ category: string; description: string; retention: string[]; sources: string[]; heldBy: string[] }>;
  recipients: DataMap['policy']['recipients'];
  transferSafeguards: string[];
  automatedDecisionMaking: string;
  aiReportLogic: string;
  rights: string[];
  supervisoryAuthority: DataMap['policy']['supervisoryAuthority'];
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

export function art15Information(map: DataMap, subjectType: DataSubjectType): Art15Information {
  const { policy } = map;
  const fields = map.fields.filter((f) => f.subjects.includes(subjectType));
  const purposes = unique(fields.flatMap((f) => f.purposes)).sort();
  const categories = unique(fields.map((f) => f.category)).sort();
  return {
    controller: policy.controller.name,
    controllerAddress: policy.controller.address,
    dpoContact: policy.controller.dpoContact,
    purposes: purposes.map((purpose) => {
      const forPurpose = fields.filter((f) => f.purposes.includes(purpose));
      return {
        purpose,
        description: policy.purposes[purpose]!,
        legalBases: unique(forPurpose.map((f) => policy.legalBases[f.legalBasis]!)),
        categories: unique(forPurpose.map((f) => f.category)).sort(),
      };
    }),
    categories: categories.map((category) => {
      const inCategory = fields.filter((f) => f.category === category);
      return {
        category,
        description: policy.categories[category]!,
        retention: unique(inCategory.map((f) => policy.retentions[f.retention]!)),
        sources: unique(inCategory.map((f) => policy.sources[f.source]!)),
        heldBy: unique(inCategory.map((f) => f.holder)).sort(),
      };
    }),
    recipients: policy.recipients,
    transferSafeguards: policy.transferSafeguards,
    automatedDecisionMaking: policy.automatedDecisionMaking.decisions,
    aiReportLogic: policy.automatedDecisionMaking.aiReportLogic,
    rights: policy.rights,
    supervisoryAuthority: policy.supervisoryAuthority,
  };
}
