using System.Net;
using FreshFoodz.Components.Network;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Residency;

namespace FreshFoodz.Stacks.Policies;

/// <summary>
/// The network, secrets and logs layer's rules, each on a single plan: data endpoints are private, logs stay in the
/// territory, networks never overlap, and generated credentials live in Key Vault only.
/// </summary>
public static class PlatformPolicies
{
    public const string PasswordType = "random:index/randomPassword:RandomPassword";

    /// <summary>Diagnostic destinations other than a workspace (azure-native 3.28.0 monitor DiagnosticSetting inputs).</summary>
    private static readonly string[] OtherSinks = ["storageAccountId", "eventHubAuthorizationRuleId", "eventHubName", "serviceBusRuleId", "marketplacePartnerId"];

    public static IEnumerable<PolicyViolation> Check(StackPlan plan, Territory territory) =>
        NoPublicDataEndpoints(plan).Concat(DiagnosticsStayInTerritory(plan, territory)).Concat(NetworksNeverOverlap(plan)).Concat(SecretsLiveInKeyVault(plan));

    /// <summary>Every store of data is reachable only from the territory's networks: PostgreSQL in a delegated subnet,
    /// storage and Key Vault with public network access off and a default-deny firewall.</summary>
    public static IEnumerable<PolicyViolation> NoPublicDataEndpoints(StackPlan plan)
    {
        const string Rule = "NoPublicDataEndpoints";
        foreach (var r in plan.Resources)
        {
            switch (r.Type)
            {
                case "azure-native:dbforpostgresql:Server":
                    if (r.Inputs.At("network.publicNetworkAccess") is not PlanString { Value: "Disabled" } || r.Inputs.At("network.delegatedSubnetResourceId") is null)
                    {
                        yield return new(r.Name, Rule, "network.publicNetworkAccess must be Disabled with network.delegatedSubnetResourceId set (VNet integration)");
                    }
                    break;
                case "azure-native:storage:StorageAccount":
                    if (r.Inputs["publicNetworkAccess"] is not PlanString { Value: "Disabled" } || r.Inputs.At("networkRuleSet.defaultAction") is not PlanString { Value: "Deny" })
                    {
                        yield return new(r.Name, Rule, "publicNetworkAccess must be Disabled and networkRuleSet.defaultAction Deny");
                    }
                    break;
                case "azure-native:keyvault:Vault":
                    if (r.Inputs.At("properties.publicNetworkAccess") is not PlanString { Value: "Disabled" } || r.Inputs.At("properties.networkAcls.defaultAction") is not PlanString { Value: "Deny" })
                    {
                        yield return new(r.Name, Rule, "properties.publicNetworkAccess must be Disabled and properties.networkAcls.defaultAction Deny");
                    }
                    break;
            }
        }
    }

    /// <summary>Diagnostic settings send to a Log Analytics workspace of this plan in one of the territory's regions,
    /// and to no storage account, event hub or partner outside it.</summary>
    public static IEnumerable<PolicyViolation> DiagnosticsStayInTerritory(StackPlan plan, Territory territory)
    {
        const string Rule = "DiagnosticsStayInTerritory";
        foreach (var d in plan.OfType("azure-native:monitor:DiagnosticSetting"))
        {
            foreach (var sink in OtherSinks.Where(k => d.Inputs[k] is not null))
            {
                yield return new(d.Name, Rule, $"sends to '{sink}'; only the territory's Log Analytics workspaces are allowed");
            }
            var workspace = d.Inputs["workspaceId"] is PlanRef { Output: "id" } r && plan.Resources.FirstOrDefault(x => x.Name == r.Resource) is { Type: "azure-native:operationalinsights:Workspace" } w ? w : null;
            if (workspace is null)
            {
                yield return new(d.Name, Rule, "workspaceId must be the id of a Log Analytics workspace in this plan");
            }
            else if (workspace.Inputs["location"] is not PlanString { Value: var location } || !territory.Regions.Any(x => x.Name == location))
            {
                yield return new(d.Name, Rule, $"workspace '{workspace.Name}' is outside {territory.Country}");
            }
        }
    }

    /// <summary>The plan's virtual networks are disjoint and clear of the cluster's pod and service ranges, and each
    /// subnet lies inside its own network.</summary>
    public static IEnumerable<PolicyViolation> NetworksNeverOverlap(StackPlan plan)
    {
        const string Rule = "NetworksNeverOverlap";
        var spaces = plan.OfType("azure-native:network:VirtualNetwork")
            .SelectMany(v => (v.Inputs.At("addressSpace.addressPrefixes") as PlanList)?.Items ?? [], (v, p) => (v.Name, Prefix: (p as PlanString)?.Value))
            .ToList();
        var parsed = new List<(string Name, IPNetwork Network)>();
        foreach (var (name, prefix) in spaces)
        {
            if (prefix is null || !IPNetwork.TryParse(prefix, out var network))
            {
                yield return new(name, Rule, $"address prefix '{prefix}' is not a CIDR network");
                continue;
            }
            foreach (var (other, otherNetwork) in parsed.Where(p => AddressPlan.Overlaps(p.Network, network)))
            {
                yield return new(name, Rule, $"{network} overlaps {otherNetwork} of '{other}'");
            }
            if (AddressPlan.Overlaps(network, AddressPlan.PodCidr) || AddressPlan.Overlaps(network, AddressPlan.ServiceCidr))
            {
                yield return new(name, Rule, $"{network} overlaps the cluster's pod range {AddressPlan.PodCidr} or service range {AddressPlan.ServiceCidr}");
            }
            parsed.Add((name, network));
        }
        foreach (var subnet in plan.OfType("azure-native:network:Subnet"))
        {
            var vnet = subnet.Inputs["virtualNetworkName"] is PlanRef r ? r.Resource : null;
            var prefix = (subnet.Inputs["addressPrefix"] as PlanString)?.Value;
            var inside = prefix is not null && IPNetwork.TryParse(prefix, out var net)
                && parsed.Any(p => p.Name == vnet && p.Network.Contains(net.BaseAddress) && p.Network.PrefixLength <= net.PrefixLength);
            if (!inside)
            {
                yield return new(subnet.Name, Rule, $"subnet {prefix} is not inside the address space of its network '{vnet}'");
            }
        }
    }

    /// <summary>
    /// A generated password is stored in Key Vault (a keyvault Secret holds it) and otherwise reaches only the server it
    /// belongs to: never a Kubernetes object, a provider, another resource or a stack output.
    /// </summary>
    public static IEnumerable<PolicyViolation> SecretsLiveInKeyVault(StackPlan plan)
    {
        const string Rule = "SecretsLiveInKeyVault";
        var passwords = plan.OfType(PasswordType).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        bool IsPassword(PlanValue v) => v is PlanRef { Output: "result" } r && passwords.Contains(r.Resource);
        var stored = plan.OfType("azure-native:keyvault:Secret")
            .SelectMany(s => s.Inputs.At("properties.value")?.Descendants() ?? [])
            .OfType<PlanRef>().Where(IsPassword).Select(r => r.Resource).ToHashSet(StringComparer.Ordinal);
        foreach (var password in passwords.Where(p => !stored.Contains(p)).Order(StringComparer.Ordinal))
        {
            yield return new(password, Rule, "a generated password must be stored in the territory's Key Vault (a keyvault Secret)");
        }
        var users = plan.Resources.Where(r => r.Type is not ("azure-native:keyvault:Secret" or "azure-native:dbforpostgresql:Server"))
            .Select(r => (r.Name, Value: (PlanValue)r.Inputs))
            .Concat(plan.Providers.Select(p => (p.Name, Value: (PlanValue)p.Inputs)))
            .Append(("stack outputs", plan.Outputs));
        foreach (var (name, value) in users)
        {
            foreach (var r in value.Descendants().OfType<PlanRef>().Where(IsPassword))
            {
                yield return new(name, Rule, $"holds the password of '{r.Resource}'; apps read it from Key Vault through workload identity");
            }
        }
    }
}
