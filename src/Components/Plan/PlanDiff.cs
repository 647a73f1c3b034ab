namespace FreshFoodz.Components.Plan;

public enum ChangeKind
{
    InPlace,
    Replace,
    Added,
    Removed,
}

/// <summary>One input that differs between two plans of the same stack; Path is dotted (<c>sku.name</c>).</summary>
public sealed record PropertyChange(string Resource, string Type, string Path, PlanValue? From, PlanValue? To, ChangeKind Kind);

/// <summary>What changes between two plans, resource by resource and property by property.</summary>
public static class PlanDiff
{
    public static IReadOnlyList<PropertyChange> Between(StackPlan from, StackPlan to)
    {
        var changes = new List<PropertyChange>();
        var before = from.Resources.ToDictionary(r => (r.Type, r.Name));
        var after = to.Resources.ToDictionary(r => (r.Type, r.Name));
        foreach (var (key, resource) in before.Where(kv => !after.ContainsKey(kv.Key)))
        {
            changes.Add(new(resource.Name, resource.Type, "", null, null, ChangeKind.Removed));
        }
        foreach (var (key, resource) in after.Where(kv => !before.ContainsKey(kv.Key)))
        {
            changes.Add(new(resource.Name, resource.Type, "", null, null, ChangeKind.Added));
        }
        foreach (var (key, old) in before.Where(kv => after.ContainsKey(kv.Key)))
        {
            var @new = after[key];
            foreach (var (path, a, b) in Leaves(old.Inputs, @new.Inputs, ""))
            {
                var kind = ReplaceTriggers.Triggers(old.Type, path) ? ChangeKind.Replace : ChangeKind.InPlace;
                changes.Add(new(old.Name, old.Type, path, a, b, kind));
            }
        }
        return changes;
    }

    /// <summary>The differing leaves of two values; maps are walked key by key, anything else compared whole.</summary>
    private static IEnumerable<(string Path, PlanValue? From, PlanValue? To)> Leaves(PlanValue? a, PlanValue? b, string path)
    {
        if (a is PlanMap ma && b is PlanMap mb)
        {
            foreach (var key in ma.Entries.Keys.Union(mb.Entries.Keys).Order(StringComparer.Ordinal))
            {
                foreach (var leaf in Leaves(ma[key], mb[key], path.Length == 0 ? key : $"{path}.{key}"))
                {
                    yield return leaf;
                }
            }
        }
        else if (!Equals(a, b))
        {
            yield return (path, a, b);
        }
    }
}

/// <summary>
/// Inputs whose change makes Pulumi replace the resource: its location, group and name (Azure resources cannot move
/// or be renamed), and the properties Azure fixes at creation — PostgreSQL version, create mode, source server,
/// zone and geo-redundant backup (Microsoft docs: geo-redundant backup "can only be chosen at server creation"); an
/// agent pool's VM size, zones, OS and max pods; a storage account's kind and redundancy; a Kubernetes object's
/// identity and a PriorityClass's value (immutable in the Kubernetes API).
/// </summary>
public static class ReplaceTriggers
{
    private static readonly string[] Everywhere =
    [
        "location", "resourceGroupName", "serverName", "resourceName", "accountName", "agentPoolName", "containerName",
        "databaseName", "configurationName", "policyAssignmentName", "budgetName", "virtualEndpointName", "blobServicesName",
        "scope", "apiVersion", "kind", "metadata.name", "metadata.namespace", "name", "virtualNetworkName", "subnetName",
        "networkSecurityGroupName", "virtualNetworkPeeringName", "natGatewayName", "publicIpAddressName", "privateEndpointName",
        "privateDnsZoneGroupName", "privateZoneName", "virtualNetworkLinkName", "vaultName", "secretName", "workspaceName",
        "federatedIdentityCredentialResourceName", "roleAssignmentName", "resourceUri",
    ];

    private static readonly Dictionary<string, string[]> ByType = new(StringComparer.Ordinal)
    {
        ["azure-native:dbforpostgresql:Server"] =
            ["version", "createMode", "sourceServerResourceId", "availabilityZone", "backup.geoRedundantBackup", "administratorLogin", "network"],
        ["azure-native:network:PrivateEndpoint"] = ["subnet", "privateLinkServiceConnections"],
        ["azure-native:privatedns:VirtualNetworkLink"] = ["virtualNetwork"],
        ["azure-native:authorization:RoleAssignment"] = ["principalId", "roleDefinitionId"],
        ["azure-native:containerservice:AgentPool"] = ["vmSize", "availabilityZones", "osType", "osSKU", "maxPods", "mode"],
        ["azure-native:containerservice:ManagedCluster"] = ["dnsPrefix", "networkProfile"],
        ["azure-native:storage:StorageAccount"] = ["kind", "sku.name", "isHnsEnabled"],
        ["kubernetes:scheduling.k8s.io/v1:PriorityClass"] = ["value"],
    };

    public static bool Triggers(string type, string path) =>
        Everywhere.Any(p => Covers(p, path)) || (ByType.TryGetValue(type, out var paths) && paths.Any(p => Covers(p, path)));

    /// <summary>A trigger covers its own path and everything below it.</summary>
    private static bool Covers(string trigger, string path) =>
        path == trigger || path.StartsWith(trigger + ".", StringComparison.Ordinal);
}
