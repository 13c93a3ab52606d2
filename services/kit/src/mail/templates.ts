/**
 * The mails the platform sends, in French and English. Each template names the variables it needs;
 * `html` receives them already HTML-escaped, so a template cannot forget to escape a value.
 */
export type MailLocale = 'fr' | 'en';
export const mailLocales: readonly MailLocale[] = ['fr', 'en'];

/** Variables of each template, by template id. */
export interface MailTemplateVariables {
  'email-verification': { firstName: string; verificationUrl: string };
  'password-reset': { firstName: string; resetUrl: string; expiresInMinutes: number };
  'policy-changed': { policyVersion: string; effectiveDate: string; policyUrl: string };
  'restriction-lifting': { firstName: string };
  'rights-request-extended': { requestId: string; previousDeadline: string; newDeadline: string; reason: string };
  'rights-request-refused': { requestId: string; justification: string; authorityName: string; authorityAddress: string; authorityPhone: string; authorityWebsite: string };
  'rights-request-fee': { requestId: string; amount: string; reason: string };
  'workspace-invitation': { inviterFirstName: string; workspaceName: string; invitationUrl: string; expiresInDays: number };
  'assistance-reply': { firstName: string; assistanceUrl: string };
  'break-glass-access': { grantId: string; workspaceId: string; staffUserId: string; reason: string; endsAt: string };
  'respondent-code': { code: string; workspaceName: string; expiresInMinutes: number };
  'rights-request-received': { requestId: string; kind: string; workspaceName: string; requestsUrl: string };
}

export type MailTemplateId = keyof MailTemplateVariables;

type Escaped<V> = { readonly [K in keyof V]: string };

interface LocalizedContent<V> {
  subject: (v: V) => string;
  text: (v: V) => string;
  html: (v: Escaped<V>) => string;
}

export interface MailTemplate<V> {
  /** Checked before a mail is queued and again when it is rendered. */
  variables: readonly (keyof V & string)[];
  content: Record<MailLocale, LocalizedContent<V>>;
}

const layout = (lang: MailLocale, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head>` +
  `<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">${body}<p style="color:#666">Verbatim</p></body></html>`;

export const mailTemplates: { readonly [T in MailTemplateId]: MailTemplate<MailTemplateVariables[T]> } = {
  'email-verification': {
    variables: ['firstName', 'verificationUrl'],
    content: {
      fr: {
        subject: () => 'Confirmez votre adresse e-mail',
        text: (v) => `Bonjour ${v.firstName},\n\nConfirmez votre adresse e-mail en ouvrant ce lien :\n${v.verificationUrl}\n\nSi vous n'avez pas créé de compte Verbatim, ignorez ce message.`,
        html: (v) =>
          layout('fr', `<p>Bonjour ${v.firstName},</p><p>Confirmez votre adresse e-mail en ouvrant ce lien :</p><p><a href="${v.verificationUrl}">${v.verificationUrl}</a></p><p>Si vous n'avez pas créé de compte Verbatim, ignorez ce message.</p>`),
      },
      en: {
        subject: () => 'Confirm your email address',
        text: (v) => `Hello ${v.firstName},\n\nConfirm your email address by opening this link:\n${v.verificationUrl}\n\nIf you did not create a Verbatim account, ignore this message.`,
        html: (v) =>
          layout('en', `<p>Hello ${v.firstName},</p><p>Confirm your email address by opening this link:</p><p><a href="${v.verificationUrl}">${v.verificationUrl}</a></p><p>If you did not create a Verbatim account, ignore this message.</p>`),
      },
    },
  },
  'password-reset': {
    variables: ['firstName', 'resetUrl', 'expiresInMinutes'],
    content: {
      fr: {
        subject: () => 'Réinitialisation de votre mot de passe',
        text: (v) => `Bonjour ${v.firstName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans les ${v.expiresInMinutes} minutes :\n${v.resetUrl}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.`,
        html: (v) =>
          layout('fr', `<p>Bonjour ${v.firstName},</p><p>Pour choisir un nouveau mot de passe, ouvrez ce lien dans les ${v.expiresInMinutes} minutes :</p><p><a href="${v.resetUrl}">${v.resetUrl}</a></p><p>Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.</p>`),
      },
      en: {
        subject: () => 'Reset your password',
        text: (v) => `Hello ${v.firstName},\n\nTo choose a new password, open this link within ${v.expiresInMinutes} minutes:\n${v.resetUrl}\n\nIf you did not ask for this, ignore this message: your password stays unchanged.`,
        html: (v) =>
          layout('en', `<p>Hello ${v.firstName},</p><p>To choose a new password, open this link within ${v.expiresInMinutes} minutes:</p><p><a href="${v.resetUrl}">${v.resetUrl}</a></p><p>If you did not ask for this, ignore this message: your password stays unchanged.</p>`),
      },
    },
  },
  'policy-changed': {
    variables: ['policyVersion', 'effectiveDate', 'policyUrl'],
    content: {
      fr: {
        subject: (v) => `Notre politique de confidentialité change (version ${v.policyVersion})`,
        text: (v) => `Bonjour,\n\nLa version ${v.policyVersion} de notre politique de confidentialité s'applique à partir du ${v.effectiveDate}.\nLisez-la ici : ${v.policyUrl}`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>La version ${v.policyVersion} de notre politique de confidentialité s'applique à partir du ${v.effectiveDate}.</p><p><a href="${v.policyUrl}">Lire la politique</a></p>`),
      },
      en: {
        subject: (v) => `Our privacy policy is changing (version ${v.policyVersion})`,
        text: (v) => `Hello,\n\nVersion ${v.policyVersion} of our privacy policy applies from ${v.effectiveDate}.\nRead it here: ${v.policyUrl}`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>Version ${v.policyVersion} of our privacy policy applies from ${v.effectiveDate}.</p><p><a href="${v.policyUrl}">Read the policy</a></p>`),
      },
    },
  },
  'rights-request-extended': {
    variables: ['requestId', 'previousDeadline', 'newDeadline', 'reason'],
    content: {
      fr: {
        subject: (v) => `Votre demande ${v.requestId} : délai prolongé`,
        text: (v) => `Bonjour,\n\nNous prolongeons le délai de réponse à votre demande ${v.requestId} : initialement le ${v.previousDeadline}, il est reporté au ${v.newDeadline}.\nMotif : ${v.reason}`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>Nous prolongeons le délai de réponse à votre demande ${v.requestId} : initialement le ${v.previousDeadline}, il est reporté au ${v.newDeadline}.</p><p>Motif : ${v.reason}</p>`),
      },
      en: {
        subject: (v) => `Your request ${v.requestId}: deadline extended`,
        text: (v) => `Hello,\n\nWe are extending the deadline to answer your request ${v.requestId}: first due on ${v.previousDeadline}, it is now due on ${v.newDeadline}.\nReason: ${v.reason}`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>We are extending the deadline to answer your request ${v.requestId}: first due on ${v.previousDeadline}, it is now due on ${v.newDeadline}.</p><p>Reason: ${v.reason}</p>`),
      },
    },
  },
  'rights-request-refused': {
    variables: ['requestId', 'justification', 'authorityName', 'authorityAddress', 'authorityPhone', 'authorityWebsite'],
    content: {
      fr: {
        subject: (v) => `Votre demande ${v.requestId} : refus motivé`,
        text: (v) =>
          `Bonjour,\n\nNous ne donnerons pas suite à votre demande ${v.requestId}, pour le motif suivant :\n${v.justification}\n\nVous pouvez introduire une réclamation auprès de la ${v.authorityName} (${v.authorityAddress}, ${v.authorityPhone}, ${v.authorityWebsite}) et former un recours juridictionnel.`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>Nous ne donnerons pas suite à votre demande ${v.requestId}, pour le motif suivant :</p><p>${v.justification}</p><p>Vous pouvez introduire une réclamation auprès de la ${v.authorityName} (${v.authorityAddress}, ${v.authorityPhone}, <a href="${v.authorityWebsite}">${v.authorityWebsite}</a>) et former un recours juridictionnel.</p>`),
      },
      en: {
        subject: (v) => `Your request ${v.requestId}: refused, with our reasons`,
        text: (v) =>
          `Hello,\n\nWe will not act on your request ${v.requestId}, for this reason:\n${v.justification}\n\nYou may lodge a complaint with the ${v.authorityName} (${v.authorityAddress}, ${v.authorityPhone}, ${v.authorityWebsite}) and seek a judicial remedy.`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>We will not act on your request ${v.requestId}, for this reason:</p><p>${v.justification}</p><p>You may lodge a complaint with the ${v.authorityName} (${v.authorityAddress}, ${v.authorityPhone}, <a href="${v.authorityWebsite}">${v.authorityWebsite}</a>) and seek a judicial remedy.</p>`),
      },
    },
  },
  'rights-request-fee': {
    variables: ['requestId', 'amount', 'reason'],
    content: {
      fr: {
        subject: (v) => `Votre demande ${v.requestId} : frais raisonnables`,
        text: (v) => `Bonjour,\n\nVotre demande ${v.requestId} est traitée contre des frais raisonnables de ${v.amount}.\nMotif : ${v.reason}`,
        html: (v) => layout('fr', `<p>Bonjour,</p><p>Votre demande ${v.requestId} est traitée contre des frais raisonnables de ${v.amount}.</p><p>Motif : ${v.reason}</p>`),
      },
      en: {
        subject: (v) => `Your request ${v.requestId}: a reasonable fee`,
        text: (v) => `Hello,\n\nYour request ${v.requestId} is handled for a reasonable fee of ${v.amount}.\nReason: ${v.reason}`,
        html: (v) => layout('en', `<p>Hello,</p><p>Your request ${v.requestId} is handled for a reasonable fee of ${v.amount}.</p><p>Reason: ${v.reason}</p>`),
      },
    },
  },
  'workspace-invitation': {
    variables: ['inviterFirstName', 'workspaceName', 'invitationUrl', 'expiresInDays'],
    content: {
      fr: {
        subject: (v) => `${v.inviterFirstName} vous invite dans l'espace ${v.workspaceName} sur Verbatim`,
        text: (v) => `Bonjour,\n\n${v.inviterFirstName} vous invite à rejoindre l'espace ${v.workspaceName}. Ouvrez ce lien dans les ${v.expiresInDays} jours, connecté avec cette adresse :\n${v.invitationUrl}\n\nSi vous ne connaissez pas cette personne, ignorez ce message.`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>${v.inviterFirstName} vous invite à rejoindre l'espace ${v.workspaceName}. Ouvrez ce lien dans les ${v.expiresInDays} jours, connecté avec cette adresse :</p><p><a href="${v.invitationUrl}">${v.invitationUrl}</a></p><p>Si vous ne connaissez pas cette personne, ignorez ce message.</p>`),
      },
      en: {
        subject: (v) => `${v.inviterFirstName} invites you to the ${v.workspaceName} workspace on Verbatim`,
        text: (v) => `Hello,\n\n${v.inviterFirstName} invites you to join the ${v.workspaceName} workspace. Open this link within ${v.expiresInDays} days, signed in with this address:\n${v.invitationUrl}\n\nIf you do not know this person, ignore this message.`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>${v.inviterFirstName} invites you to join the ${v.workspaceName} workspace. Open this link within ${v.expiresInDays} days, signed in with this address:</p><p><a href="${v.invitationUrl}">${v.invitationUrl}</a></p><p>If you do not know this person, ignore this message.</p>`),
      },
    },
  },
  // Sent to every DPO and every ADMIN of the workspace when staff open access without an ADMIN's approval: ids and the reason only.
  'break-glass-access': {
    variables: ['grantId', 'workspaceId', 'staffUserId', 'reason', 'endsAt'],
    content: {
      fr: {
        subject: (v) => `Accès d'urgence du personnel à l'espace ${v.workspaceId}`,
        text: (v) =>
          `Bonjour,\n\nUn membre du personnel de la plateforme (${v.staffUserId}) a ouvert un accès d'urgence en lecture aux données personnelles de l'espace ${v.workspaceId}, sans approbation préalable, jusqu'au ${v.endsAt}.\nAccès : ${v.grantId}\nMotif : ${v.reason}\n\nUn ADMIN de l'espace peut le révoquer à tout moment ; chaque lecture figure au journal d'audit.`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>Un membre du personnel de la plateforme (${v.staffUserId}) a ouvert un accès d'urgence en lecture aux données personnelles de l'espace ${v.workspaceId}, sans approbation préalable, jusqu'au ${v.endsAt}.</p><p>Accès : ${v.grantId}</p><p>Motif : ${v.reason}</p><p>Un ADMIN de l'espace peut le révoquer à tout moment ; chaque lecture figure au journal d'audit.</p>`),
      },
      en: {
        subject: (v) => `Break-glass staff access to workspace ${v.workspaceId}`,
        text: (v) =>
          `Hello,\n\nA member of the platform's staff (${v.staffUserId}) opened break-glass read access to the personal data of workspace ${v.workspaceId}, without prior approval, until ${v.endsAt}.\nGrant: ${v.grantId}\nReason: ${v.reason}\n\nA workspace ADMIN can revoke it at any time; every read is in the audit log.`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>A member of the platform's staff (${v.staffUserId}) opened break-glass read access to the personal data of workspace ${v.workspaceId}, without prior approval, until ${v.endsAt}.</p><p>Grant: ${v.grantId}</p><p>Reason: ${v.reason}</p><p>A workspace ADMIN can revoke it at any time; every read is in the audit log.</p>`),
      },
    },
  },
  // Art. 18(3): the person is told before the restriction of their data's processing is lifted.
  'restriction-lifting': {
    variables: ['firstName'],
    content: {
      fr: {
        subject: () => 'La limitation du traitement de vos données va être levée',
        text: (v) => `Bonjour ${v.firstName},\n\nLa limitation du traitement de vos données (article 18 du RGPD) va être levée : votre compte et vos données seront de nouveau traités normalement.\nSi vous pensez que la limitation doit être maintenue, répondez à ce message ou contactez notre délégué à la protection des données.`,
        html: (v) =>
          layout('fr', `<p>Bonjour ${v.firstName},</p><p>La limitation du traitement de vos données (article 18 du RGPD) va être levée : votre compte et vos données seront de nouveau traités normalement.</p><p>Si vous pensez que la limitation doit être maintenue, répondez à ce message ou contactez notre délégué à la protection des données.</p>`),
      },
      en: {
        subject: () => 'The restriction of processing of your data is being lifted',
        text: (v) => `Hello ${v.firstName},\n\nThe restriction of processing of your data (GDPR Art. 18) is being lifted: your account and your data will be processed normally again.\nIf you think the restriction should stay, reply to this message or contact our data protection officer.`,
        html: (v) =>
          layout('en', `<p>Hello ${v.firstName},</p><p>The restriction of processing of your data (GDPR Art. 18) is being lifted: your account and your data will be processed normally again.</p><p>If you think the restriction should stay, reply to this message or contact our data protection officer.</p>`),
      },
    },
  },
  // Only that there is a reply: its text (and the thread's subject) stay behind the user's sign-in.
  'assistance-reply': {
    variables: ['firstName', 'assistanceUrl'],
    content: {
      fr: {
        subject: () => 'Le support Verbatim vous a répondu',
        text: (v) => `Bonjour ${v.firstName},\n\nNotre équipe de support a répondu à votre demande d'assistance. Lisez sa réponse une fois connecté :\n${v.assistanceUrl}`,
        html: (v) => layout('fr', `<p>Bonjour ${v.firstName},</p><p>Notre équipe de support a répondu à votre demande d'assistance. Lisez sa réponse une fois connecté :</p><p><a href="${v.assistanceUrl}">${v.assistanceUrl}</a></p>`),
      },
      en: {
        subject: () => 'Verbatim support replied to you',
        text: (v) => `Hello ${v.firstName},\n\nOur support team replied to your Assistance request. Read the reply once signed in:\n${v.assistanceUrl}`,
        html: (v) => layout('en', `<p>Hello ${v.firstName},</p><p>Our support team replied to your Assistance request. Read the reply once signed in:</p><p><a href="${v.assistanceUrl}">${v.assistanceUrl}</a></p>`),
      },
    },
  },
  // The one-time code of a workspace's public privacy page: proof that the person controls the address.
  'respondent-code': {
    variables: ['code', 'workspaceName', 'expiresInMinutes'],
    content: {
      fr: {
        subject: (v) => `Votre code de vérification : ${v.code}`,
        text: (v) => `Bonjour,\n\nVoici votre code pour accéder à la page de confidentialité de ${v.workspaceName} : ${v.code}\nIl est valable ${v.expiresInMinutes} minutes et une seule fois.\n\nSi vous n'avez rien demandé, ignorez ce message : personne ne peut agir en votre nom sans ce code.`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>Voici votre code pour accéder à la page de confidentialité de ${v.workspaceName} :</p><p style="font-size:1.5em;letter-spacing:0.2em"><strong>${v.code}</strong></p><p>Il est valable ${v.expiresInMinutes} minutes et une seule fois.</p><p>Si vous n'avez rien demandé, ignorez ce message : personne ne peut agir en votre nom sans ce code.</p>`),
      },
      en: {
        subject: (v) => `Your verification code: ${v.code}`,
        text: (v) => `Hello,\n\nHere is your code for the privacy page of ${v.workspaceName}: ${v.code}\nIt is valid for ${v.expiresInMinutes} minutes, once.\n\nIf you did not ask for it, ignore this message: no one can act for you without this code.`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>Here is your code for the privacy page of ${v.workspaceName}:</p><p style="font-size:1.5em;letter-spacing:0.2em"><strong>${v.code}</strong></p><p>It is valid for ${v.expiresInMinutes} minutes, once.</p><p>If you did not ask for it, ignore this message: no one can act for you without this code.</p>`),
      },
    },
  },
  // To a workspace's ADMINs: a customer made a request themself on the public page; the deadline runs.
  'rights-request-received': {
    variables: ['requestId', 'kind', 'workspaceName', 'requestsUrl'],
    content: {
      fr: {
        subject: (v) => `Nouvelle demande ${v.kind} d'un client (${v.workspaceName})`,
        text: (v) => `Bonjour,\n\nUn client de l'espace ${v.workspaceName} a fait une demande ${v.kind} (référence ${v.requestId}) depuis la page de confidentialité publique, après avoir vérifié son adresse e-mail.\nLe délai légal d'un mois court dès aujourd'hui. Suivez-la ici : ${v.requestsUrl}`,
        html: (v) =>
          layout('fr', `<p>Bonjour,</p><p>Un client de l'espace ${v.workspaceName} a fait une demande ${v.kind} (référence ${v.requestId}) depuis la page de confidentialité publique, après avoir vérifié son adresse e-mail.</p><p>Le délai légal d'un mois court dès aujourd'hui. <a href="${v.requestsUrl}">Suivez-la ici</a>.</p>`),
      },
      en: {
        subject: (v) => `New ${v.kind} request from a customer (${v.workspaceName})`,
        text: (v) => `Hello,\n\nA customer of the ${v.workspaceName} workspace made a ${v.kind} request (reference ${v.requestId}) on the public privacy page, after verifying their email address.\nThe one-month legal deadline runs from today. Follow it here: ${v.requestsUrl}`,
        html: (v) =>
          layout('en', `<p>Hello,</p><p>A customer of the ${v.workspaceName} workspace made a ${v.kind} request (reference ${v.requestId}) on the public privacy page, after verifying their email address.</p><p>The one-month legal deadline runs from today. <a href="${v.requestsUrl}">Follow it here</a>.</p>`),
      },
    },
  },
};
