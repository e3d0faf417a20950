import { optionalText } from "../ui/form-body";

/** The rights boxes of a form (unticked boxes are not sent). */
export const rightsFields = { can_read: optionalText, can_upload: optionalText, can_approve: optionalText };

/** Reading comes with uploading or approving (see linkDossier). */
export const rightsOf = (body: { can_read?: string; can_upload?: string; can_approve?: string }) => ({
  read: body.can_read === "1",
  upload: body.can_upload === "1",
  approve: body.can_approve === "1",
});
