using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Secrets;

namespace FreshFoodz.Components.Workloads;

/// <summary>Where a module's tier database is and which vault secret holds its password.</summary>
public sealed record TierDatabaseAccess(PlanValue Host, int Port, string Database, string User, PlannedResource PasswordSecret, string PasswordSecretName);

public sealed record DatabaseAccessArgs
{
    public required TerritoryContext Context { get; init; }
    public required PlannedResource ResourceGroup { get; init; }
    public required IReadOnlyList<BusinessModule> Modules { get; init; }

    /// <summary>The module's namespace resources by module name (the service account and files live there).</summary>
    public required IReadOnlyDictionary<string, PlannedResource> Namespaces { get; init; }
    public required PlannedResource Cluster { get; init; }
    public required string VaultName { get; init; }
    public required PlanValue TenantId { get; init; }
    public required IReadOnlyDictionary<DrTier, TierDatabaseAccess> Databases { get; init; }
}

/// <summary>
/// How a module's pods reach their tier's database with a password from Key Vault, and nothing else: a user-assigned
/// managed identity per module, federated with the cluster's OIDC issuer for the module's service account (workload
/// identity), allowed "Key Vault Secrets User" on exactly its tier's password secret; a SecretProviderClass that the
/// Key Vault CSI driver (AKS add-on azureKeyvaultSecretsProvider) mounts as a file, never a Kubernetes Secret; and a
/// ConfigMap with the private host, PgBouncer port and database. Azure docs: "Use Microsoft Entra Workload ID with
/// AKS", "Use the Azure Key Vault provider for Secrets Store CSI Driver in an AKS cluster" (workload identity access).
/// </summary>
public static class DatabaseAccess
{
    public const string Type = "freshfoodz:workloads:DatabaseAccess";

    public const string ServiceAccount = "app";

    public static void Add(PlanBuilder plan, string name, string subscriptionId, DatabaseAccessArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        foreach (var module in args.Modules)
        {
            var db = args.Databases[module.Tier];
            var inNamespace = new PlanOptions { DependsOn = [args.Namespaces[module.Name].Name] };
            var identity = KeyVaultReader.WorkloadIdentity(scope, module.Name, c, args.ResourceGroup, args.Cluster, module.Name, module.Name, ServiceAccount);
            scope.Resource("azure-native:authorization:RoleAssignment", $"{module.Name}-reads-password",
                KeyVaultReader.SecretsUser(subscriptionId, db.PasswordSecret.Id, $"{c.Names.Stack}/{module.Name}/{db.PasswordSecretName}", identity.Ref("principalId")));
            var labels = c.Tags.Labels();
            labels["freshfoodz.io/module"] = module.Name;
            scope.Resource("kubernetes:core/v1:ServiceAccount", $"{module.Name}-service-account", new Props
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new Props
                {
                    ["name"] = ServiceAccount,
                    ["namespace"] = module.Name,
                    ["labels"] = labels,
                    ["annotations"] = new Props { ["azure.workload.identity/client-id"] = identity.Ref("clientId") },
                },
            }, inNamespace);
            scope.Resource("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", $"{module.Name}-database-password",
                KeyVaultReader.SecretProviderClass("database-password", module.Name, labels, identity.Ref("clientId"), args.VaultName, args.TenantId,
                    [(db.PasswordSecretName, "password")]), inNamespace);
            scope.Resource("kubernetes:core/v1:ConfigMap", $"{module.Name}-database", new Props
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new Props { ["name"] = "database", ["namespace"] = module.Name, ["labels"] = labels },
                ["data"] = new Props
                {
                    ["host"] = db.Host,
                    ["port"] = db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["database"] = db.Database,
                    ["user"] = db.User,
                    ["sslmode"] = "require",
                    ["passwordFile"] = "/mnt/secrets/database/password",
                    ["secretProviderClass"] = "database-password",
                    ["serviceAccount"] = ServiceAccount,
                },
            }, inNamespace);
        }
    }
}
