/**
 * Seeds the local stack's demo tenant (alias `contoso`, see DESIGN.md "Local stack"): registers
 * the tenant and its site in the Graph simulator, provisions the helpdesk lists with the same code
 * a real tenant uses, and writes the tenant and licence records to Cosmos. Idempotent.
 */
export async function seedDemoTenant(_env: Record<string, string>): Promise<void> {
  // filled in with the provisioning and tenant-store code
}
