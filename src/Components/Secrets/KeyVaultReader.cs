using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Secrets;

/// <summary>
/// What a workload identity needs to read Key Vault secrets (the apps' database passwords, the exporters'): the
/// "Key Vault Secrets User" role on one secret, and the CSI driver's SecretProviderClass that mounts the secrets as
/// files. One shape for every reader, so a fix to it (a parameter the driver needs) reaches all of them.
/// </summary>
public static class KeyVaultReader
{
    /// <summary>Built-in role "Key Vault Secrets User": read secret contents (Azure built-in roles, Security).</summary>
    public const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";

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
