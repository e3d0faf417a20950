/**
 * Microsoft 365 products as Microsoft names them (learn.microsoft.com/entra/identity/users/
 * licensing-service-plan-reference): skuId, skuPartNumber and a few of the service plans each
 * brings. Seeded by migration 0303; later catalogue changes come as new migrations.
 */
export interface ServicePlan {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
}

export interface SkuDefinition {
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly displayName: string;
  readonly servicePlans: readonly ServicePlan[];
}

const plan = (servicePlanName: string, servicePlanId: string): ServicePlan => ({
  servicePlanId,
  servicePlanName,
});

const EXCHANGE_S_STANDARD = plan("EXCHANGE_S_STANDARD", "9aaf7827-d63c-4b61-89c3-182f06f82e5c");
const EXCHANGE_S_ENTERPRISE = plan("EXCHANGE_S_ENTERPRISE", "efb87545-963c-4e0d-99df-69c6916d9eb0");
const EXCHANGE_S_DESKLESS = plan("EXCHANGE_S_DESKLESS", "4a82b400-a79f-41a4-b4e2-e94f5787b113");
const TEAMS1 = plan("TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929");
const OFFICE_BUSINESS = plan("OFFICE_BUSINESS", "094e7854-93fc-4d55-b2c0-3ab5369ebdc1");
const OFFICESUBSCRIPTION = plan("OFFICESUBSCRIPTION", "43de0ff5-c92c-492b-9116-175376d08c38");
const AAD_PREMIUM = plan("AAD_PREMIUM", "41781fb2-bc02-4b7c-bd55-b576c07bb09d");
const ATP_ENTERPRISE = plan("ATP_ENTERPRISE", "f20fedf3-f3c3-43c3-8267-2bfdd51c0939");
const MCOSTANDARD = plan("MCOSTANDARD", "0feaeb32-d00e-4d66-bd5a-43b5b83db82c");
const MCOEV = plan("MCOEV", "4828c8ec-dc2e-4779-b502-87ac9ce28ab7");
const MCOIMP = plan("MCOIMP", "afc06cb0-b4f4-4473-8286-d644f70d8faf");
const INTUNE_A = plan("INTUNE_A", "c1ec4a95-1f05-45b3-a911-aa3fa01094f5");
const INTUNE_O365 = plan("INTUNE_O365", "882e1d05-acd1-4ccb-8708-6ee03664b117");
const MTP = plan("MTP", "bf28f719-7844-4079-9c78-c1307898e192");

const sku = (
  displayName: string,
  skuPartNumber: string,
  skuId: string,
  servicePlans: ServicePlan[],
): SkuDefinition => ({ skuId, skuPartNumber, displayName, servicePlans });

export const skuCatalogue: readonly SkuDefinition[] = [
  sku("Microsoft 365 Business Basic", "O365_BUSINESS_ESSENTIALS", "3b555118-da6a-4418-894f-7df1e2096870", [
    EXCHANGE_S_STANDARD,
    TEAMS1,
  ]),
  sku("Microsoft 365 Business Standard", "O365_BUSINESS_PREMIUM", "f245ecc8-75af-4f8e-b61f-27d8114de5f3", [
    EXCHANGE_S_STANDARD,
    OFFICE_BUSINESS,
    TEAMS1,
  ]),
  sku("Microsoft 365 Business Premium", "SPB", "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", [
    EXCHANGE_S_STANDARD,
    OFFICE_BUSINESS,
    TEAMS1,
    AAD_PREMIUM,
    ATP_ENTERPRISE,
    INTUNE_A,
  ]),
  sku("Office 365 E1", "STANDARDPACK", "18181a46-0d4e-45cd-891e-60aabd171b4e", [
    EXCHANGE_S_STANDARD,
    MCOSTANDARD,
    TEAMS1,
  ]),
  sku("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", [
    EXCHANGE_S_ENTERPRISE,
    OFFICESUBSCRIPTION,
    MCOSTANDARD,
    TEAMS1,
  ]),
  sku("Office 365 E5", "ENTERPRISEPREMIUM", "c7df2760-2c81-4ef7-b578-5b5392b571df", [
    EXCHANGE_S_ENTERPRISE,
    OFFICESUBSCRIPTION,
    MCOEV,
    TEAMS1,
  ]),
  sku("Microsoft 365 E3", "SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965", [
    EXCHANGE_S_ENTERPRISE,
    OFFICESUBSCRIPTION,
    INTUNE_A,
    AAD_PREMIUM,
    TEAMS1,
  ]),
  sku("Microsoft 365 E5", "SPE_E5", "06ebc4ee-1bb5-47dd-8120-11324bc54e06", [
    EXCHANGE_S_ENTERPRISE,
    OFFICESUBSCRIPTION,
    MCOEV,
    MTP,
    INTUNE_A,
    TEAMS1,
  ]),
  sku("Microsoft 365 F3", "SPE_F1", "66b55226-6b4f-492c-910c-a3b7a3c9d993", [
    EXCHANGE_S_DESKLESS,
    MCOIMP,
    TEAMS1,
  ]),
  sku("Exchange Online (Plan 1)", "EXCHANGESTANDARD", "4b9405b0-7788-4568-add1-99614e613b69", [
    EXCHANGE_S_STANDARD,
    INTUNE_O365,
  ]),
];
