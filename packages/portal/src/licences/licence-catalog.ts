/** The SKUs a client can ask for, with Microsoft's real product names and skuPartNumbers. */
export const licenceSkus = [
  { part: "O365_BUSINESS_ESSENTIALS", name: "Microsoft 365 Business Basic" },
  { part: "O365_BUSINESS_PREMIUM", name: "Microsoft 365 Business Standard" },
  { part: "SPB", name: "Microsoft 365 Business Premium" },
  { part: "ENTERPRISEPACK", name: "Office 365 E3" },
  { part: "SPE_E5", name: "Microsoft 365 E5" },
] as const;
