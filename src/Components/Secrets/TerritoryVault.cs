using FreshFoodz.Components.Network;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Secrets;

public sealed record TerritoryVaultArgs
{
    public required TerritoryContext Context { get; init; }
    public required PlannedResource ResourceGroup { get; init; }
    public required TerritoryNetworkResources Network { get; init; }

    /// <summary>The Entra tenant of the deploying identity (getClientConfig): the tenant the vault trusts.</summary>
    public required PlanValue TenantId { get; init; }

    /// <summary>Secrets to store: name in the vault → a secret plan value (never a literal).</summary>
    public required IReadOnlyDictionary<string, PlanSecret> Secrets { get; init; }
}

public sealed record TerritoryVaultResources(PlannedResource Vault, string VaultName, IReadOnlyDictionary<string, PlannedResource> Secrets);

/// <summary>
/// The territory's Key Vault, in the primary region: Azure RBAC instead of access policies, soft delete (90 days)
/// and purge protection (a deleted vault or secret cannot be purged early), public network access off, reached
/// through a private endpoint. Generated credentials are stored here and nowhere else; apps read them through
/// workload identity. Secrets are written through ARM, a control-plane call the vault firewall does not block
/// (Azure docs, "Azure Key Vault security: network security").
/// </summary>
public static class TerritoryVault
{
    public const string Type = "freshfoodz:secrets:TerritoryVault";

    public static TerritoryVaultResources Add(PlanBuilder plan, string name, TerritoryVaultArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var vaultName = c.Names.KeyVault;
        var vault = scope.Resource("azure-native:keyvault:Vault", "vault", new Props
        {
            ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
            ["vaultName"] = vaultName,
            ["location"] = c.Primary.Name,
            ["properties"] = new Props
            {
                ["tenantId"] = args.TenantId,
                ["sku"] = new Props { ["family"] = "A", ["name"] = "standard" },
                ["enableRbacAuthorization"] = true,
                ["enableSoftDelete"] = true,
                ["softDeleteRetentionInDays"] = 90,
                // Irreversible once on, as it should be for the credentials of accounting data.
                ["enablePurgeProtection"] = true,
                ["publicNetworkAccess"] = "Disabled",
                ["networkAcls"] = new Props { ["defaultAction"] = "Deny", ["bypass"] = "None" },
                // Typed SDKs send these defaults; a dictionary must (provider schema defaults).
                ["enabledForDeployment"] = false,
                ["enabledForDiskEncryption"] = false,
                ["enabledForTemplateDeployment"] = false,
            },
            ["tags"] = c.Tags.For(DataClassification.Restricted),
        }, new PlanOptions { Protect = true });
        PrivateEndpoints.Add(scope, c, "vault", args.ResourceGroup, args.Network.Primary.PrivateEndpoints, vault, "vault", args.Network.VaultZone);

        var secrets = new Dictionary<string, PlannedResource>(StringComparer.Ordinal);
        foreach (var (secretName, value) in args.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            secrets[secretName] = scope.Resource("azure-native:keyvault:Secret", $"secret-{secretName}", new Props
            {
                ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
                ["vaultName"] = vault.Ref("name"),
                ["secretName"] = secretName,
                ["properties"] = new Props { ["value"] = value, ["contentType"] = "text/plain" },
                ["tags"] = c.Tags.For(DataClassification.Restricted),
            }, new PlanOptions { AdditionalSecretOutputs = ["properties"] });
        }
        return new TerritoryVaultResources(vault, vaultName, secrets);
    }
}
