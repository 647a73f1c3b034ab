using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Secrets;

/// <summary>
/// Where a workload's Key Vault reader is made: the territory, its subscription (role definitions), the resource group
/// its identity goes in, the cluster whose OIDC issuer the identity trusts, and the vault with its tenant.
/// </summary>
public sealed record VaultReaderSite(TerritoryContext Context, string SubscriptionId, PlannedResource ResourceGroup, PlannedResource Cluster,
    string VaultName, PlanValue TenantId);

/// <summary>
/// What a workload needs to read Key Vault secrets (the apps' database passwords, the exporters'): a federated
/// workload identity, the "Key Vault Secrets User" role on one secret, and the CSI driver's SecretProviderClass that mounts the secrets as
/// files. One shape for every reader, so a fix to it (a parameter the driver needs) reaches all of them.
/// </summary>
public static class KeyVaultReader
{
    /// <summary>Built-in role "Key Vault Secrets User": read secret contents (Azure built-in roles, Security).</summary>
    public const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>
    /// A user-assigned identity for the service account <paramref name="serviceAccount"/> in <paramref name="ns"/>,
    /// federated with the cluster's OIDC issuer (workload identity); resources <c>{role}-identity</c> and
    /// <c>{role}-federation</c> (or <c>identity</c>, <c>federation</c> without a role).
    /// </summary>
    public static PlannedResource WorkloadIdentity(ComponentScope scope, string? role, TerritoryContext c, PlannedResource resourceGroup,
        PlannedResource cluster, string identityName, string ns, string serviceAccount)
    {
        string Name(string what) => role is null ? what : $"{role}-{what}";
        var identity = scope.Resource("azure-native:managedidentity:UserAssignedIdentity", Name("identity"), new Props
        {
            ["resourceGroupName"] = resourceGroup.Ref("name"),
            ["resourceName"] = $"id-freshfoodz-{c.Names.Stack}-{identityName}",
            ["location"] = c.Primary.Name,
            ["tags"] = c.Tags.For(DataClassification.Internal),
        });
        scope.Resource("azure-native:managedidentity:FederatedIdentityCredential", Name("federation"), new Props
        {
            ["resourceGroupName"] = resourceGroup.Ref("name"),
            ["resourceName"] = identity.Ref("name"),
            ["federatedIdentityCredentialResourceName"] = $"aks-{ns}-{serviceAccount}",
            ["issuer"] = cluster.Ref("oidcIssuerProfile.issuerURL"),
            ["subject"] = $"system:serviceaccount:{ns}:{serviceAccount}",
            ["audiences"] = PlanValue.List("api://AzureADTokenExchange"),
        });
        return identity;
    }

    /// <summary>A role assignment letting <paramref name="principalId"/> read one secret; its name is stable per reader and secret.</summary>
    public static Props SecretsUser(string subscriptionId, PlanValue secretId, string stableName, PlanValue principalId) => new()
    {
        ["scope"] = secretId,
        ["roleAssignmentName"] = Naming.StableGuid.From(stableName),
        ["roleDefinitionId"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{SecretsUserRole}",
        ["principalId"] = principalId,
        ["principalType"] = "ServicePrincipal",
    };

    /// <summary>
    /// A SecretProviderClass (secrets-store.csi.x-k8s.io/v1, Azure provider) mounting each secret under its alias,
    /// authenticated as the workload identity <paramref name="clientId"/> (workload identity: usePodIdentity false).
    /// </summary>
    public static Props SecretProviderClass(string name, string ns, Props labels, PlanValue clientId, string vaultName, PlanValue tenantId,
        IEnumerable<(string ObjectName, string Alias)> secrets) => new()
        {
            ["apiVersion"] = "secrets-store.csi.x-k8s.io/v1",
            ["kind"] = "SecretProviderClass",
            ["metadata"] = new Props { ["name"] = name, ["namespace"] = ns, ["labels"] = labels },
            ["spec"] = new Props
            {
                ["provider"] = "azure",
                ["parameters"] = new Props
                {
                    ["usePodIdentity"] = "false",
                    ["clientID"] = clientId,
                    ["keyvaultName"] = vaultName,
                    ["tenantId"] = tenantId,
                    ["objects"] = "array:\n" + string.Concat(secrets.Select(s =>
                        $"  - |\n    objectName: {s.ObjectName}\n    objectType: secret\n    objectAlias: {s.Alias}\n")),
                },
            },
        };
}
