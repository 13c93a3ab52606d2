/** Texts of the privacy-policy pages (spread into messages.ts). */
export const policyEn = {
  'policy.title': 'Our privacy policy changed',
  'policy.intro': 'Version {version} of the privacy policy, published on {date}, changes how your data is handled. Read it, then acknowledge it to go on.',
  'policy.summary': 'What changed',
  'policy.acknowledge': 'I have read it',
  'policy.current': 'Privacy policy',
  'policy.currentMeta': 'Version {version}, published on {date}.',
  'policy.none': 'No version of the privacy policy has been published yet.',
  'privacy.sp.kind': 'Role',
  'privacy.sp.kind.HOSTING': 'Hosting',
  'privacy.sp.kind.SECURITY': 'Security',
  'privacy.sp.kind.EMAIL': 'Email',
  'privacy.sp.kind.AI': 'AI',
};

export const policyFr: Record<keyof typeof policyEn, string> = {
  'policy.title': 'Notre politique de confidentialité a changé',
  'policy.intro': 'La version {version} de la politique de confidentialité, publiée le {date}, change la façon dont vos données sont traitées. Lisez-la, puis confirmez pour continuer.',
  'policy.summary': 'Ce qui change',
  'policy.acknowledge': 'J’en ai pris connaissance',
  'policy.current': 'Politique de confidentialité',
  'policy.currentMeta': 'Version {version}, publiée le {date}.',
  'policy.none': 'Aucune version de la politique de confidentialité n’a encore été publiée.',
  'privacy.sp.kind': 'Rôle',
  'privacy.sp.kind.HOSTING': 'Hébergement',
  'privacy.sp.kind.SECURITY': 'Sécurité',
  'privacy.sp.kind.EMAIL': 'E-mail',
  'privacy.sp.kind.AI': 'IA',
};
