import { invitation, type InvitationVars } from './templates/invitation.template.ts';
import { licenseResetNotice, type LicenseResetNoticeVars } from './templates/license-reset-notice.template.ts';
import { passwordReset, type PasswordResetVars } from './templates/password-reset.template.ts';
import { registrationDetails, type RegistrationDetailsVars } from './templates/registration-details.template.ts';
import { registrationReissue, type RegistrationReissueVars } from './templates/registration-reissue.template.ts';
import { staffInvitation, type StaffInvitationVars } from './templates/staff-invitation.template.ts';
import { viewerRegistered, type ViewerRegisteredVars } from './templates/viewer-registered.template.ts';
import type { Template } from './templates/template.ts';

/** Every mail the server sends, by the template name stored in the outbox, with the values each needs. */
export interface TemplateVars {
  registration_details: RegistrationDetailsVars;
  registration_reissue: RegistrationReissueVars;
  invitation: InvitationVars;
  password_reset: PasswordResetVars;
  license_reset_notice: LicenseResetNoticeVars;
  staff_invitation: StaffInvitationVars;
  viewer_registered: ViewerRegisteredVars;
}

export type TemplateName = keyof TemplateVars;

export const TEMPLATES: { [N in TemplateName]: Template<TemplateVars[N]> } = {
  registration_details: registrationDetails,
  registration_reissue: registrationReissue,
  invitation,
  password_reset: passwordReset,
  license_reset_notice: licenseResetNotice,
  staff_invitation: staffInvitation,
  viewer_registered: viewerRegistered,
};
