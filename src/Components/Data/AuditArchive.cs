using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Data;

public sealed record AuditArchiveArgs
{
    public required TerritoryContext Context { get; init; }
    public required PlannedResource ResourceGroup { get; init; }

    /// <summary>Where the accounts' private endpoints go (no public network access).</summary>
    public required Network.TerritoryNetworkResources Network { get; init; }

    /// <summary>The account-level policy's state: <c>Unlocked</c> until a person locks it (one way) after checking retention.</summary>
    public required ImmutabilityState Immutability { get; init; }
}

/// <summary>
/// States of an account-level immutability policy that this plan uses. Azure creates a policy Disabled or Unlocked
/// only; Unlocked → Locked is the one transition to Locked, and Locked never goes back (azure-native 3.28.0
/// <c>storage.AccountImmutabilityPolicyPropertiesArgs.state</c>; Microsoft docs "Configure immutability policies for
/// blob versions").
/// </summary>
public enum ImmutabilityState
{
    Unlocked,
    Locked,
}

/// <summary>The archive's accounts and their blob services (which carry the accounts' blob logs).</summary>
public sealed record AuditArchiveResources(IReadOnlyList<PlannedResource> Accounts, IReadOnlyList<PlannedResource> BlobServices)
{
    /// <summary>Each retention class's container, by purpose (<c>audit7y</c>: the lead-protection audit trail).</summary>
    public IReadOnlyDictionary<string, PlannedResource> Containers { get; init; } = new Dictionary<string, PlannedResource>();
}

/// <summary>A retention class of the archive: what it holds, for how long, and why.</summary>
public sealed record RetentionClass(string Purpose, string Container, int Days, string Reason);

/// <summary>
/// Immutable audit storage. One storage account per retention class, each with an account-level, version-level WORM
/// policy. Azure creates it <c>Unlocked</c> (an Unlocked policy can still be shortened or deleted); a person locks it
/// with <c>freshfoodz:auditImmutability: locked</c> after checking the retention, and from then on it can only be
/// extended, never shortened or deleted (docs/first-deployment.md). Pulumi cannot lock a container-level policy
/// (locking is a POST action the provider does not expose), but the account-level policy takes its state as an input. Geo-zone-redundant (GZRS): three zones here and an asynchronous copy in the
/// paired region, which for both territories is in-country. Public access, shared keys and TLS below 1.2 are off.
/// </summary>
public static class AuditArchive
{
    public const string Type = "freshfoodz:data:AuditArchive";

    /// <summary>
    /// Lead-protection audit trails: 7 years for commission disputes (a business choice of the seasonal plan):
    /// 7 × 365 + 2 leap days = 2,557 days.
    /// Accounting records: 10 years under DE § 147 AO / § 257 HGB and CH OR Art. 958f, counted from the end of the
    /// calendar (business) year, so up to 11 years from creation: 11 × 365 + 3 leap days = 4,018 days.
    /// </summary>
    public static readonly IReadOnlyList<RetentionClass> Classes =
    [
        new("audit7y", "lead-protection-audit", 2557, "7 years: commission disputes"),
        new("acct11y", "accounting-records", 4018, "10 years after year end: § 147 AO, § 257 HGB, OR Art. 958f"),
    ];

    public static AuditArchiveResources Add(PlanBuilder plan, string name, AuditArchiveArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var stateful = Resilience.DeleteLock.Kept;
        var accounts = new List<PlannedResource>();
        var blobServices = new List<PlannedResource>();
        var containers = new Dictionary<string, PlannedResource>();
        foreach (var retention in Classes)
        {
            var account = scope.Resource("azure-native:storage:StorageAccount", $"{retention.Purpose}-account", new Props
            {
                ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
                ["accountName"] = c.Names.StorageAccount(retention.Purpose),
                ["location"] = c.Primary.Name,
                ["kind"] = "StorageV2",
                ["sku"] = new Props { ["name"] = "Standard_GZRS" },
                ["accessTier"] = "Cool",
                ["minimumTlsVersion"] = "TLS1_2",
                ["enableHttpsTrafficOnly"] = true,
                ["allowBlobPublicAccess"] = false,
                ["allowSharedKeyAccess"] = false,
                ["defaultToOAuthAuthentication"] = true,
                ["allowCrossTenantReplication"] = false,
                // Private only: reached through the account's private endpoint, never from the internet.
                ["publicNetworkAccess"] = "Disabled",
                ["networkRuleSet"] = new Props { ["defaultAction"] = "Deny", ["bypass"] = "None" },
                ["immutableStorageWithVersioning"] = new Props
                {
                    ["enabled"] = true,
                    ["immutabilityPolicy"] = new Props
                    {
                        ["immutabilityPeriodSinceCreationInDays"] = retention.Days,
                        // Appends to an audit log stay possible; rewriting and deleting do not.
                        ["allowProtectedAppendWrites"] = true,
                        ["state"] = args.Immutability.ToString(),
                    },
                },
                ["tags"] = c.Tags.For(DataClassification.Restricted),
            }, stateful);
            // A locked account cannot be deleted, nor its resource group with it (its containers inherit the lock).
            Resilience.DeleteLock.Add(scope, $"{retention.Purpose}-account", account);
            // Version-level immutability needs blob versioning.
            Network.PrivateEndpoints.Add(scope, c, $"audit-{retention.Purpose}", args.ResourceGroup, args.Network.Primary.PrivateEndpoints, account, "blob", args.Network.BlobZone);
            blobServices.Add(scope.Resource("azure-native:storage:BlobServiceProperties", $"{retention.Purpose}-blob-service", new Props
            {
                ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
                ["accountName"] = account.Ref("name"),
                ["blobServicesName"] = "default",
                ["isVersioningEnabled"] = true,
                ["containerDeleteRetentionPolicy"] = new Props { ["enabled"] = true, ["days"] = 30 },
            }));
            containers[retention.Purpose] = scope.Resource("azure-native:storage:BlobContainer", $"{retention.Purpose}-container", new Props
            {
                ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
                ["accountName"] = account.Ref("name"),
                ["containerName"] = retention.Container,
                ["publicAccess"] = "None",
            }, stateful);
            accounts.Add(account);
        }
        return new AuditArchiveResources(accounts, blobServices) { Containers = containers };
    }
}
