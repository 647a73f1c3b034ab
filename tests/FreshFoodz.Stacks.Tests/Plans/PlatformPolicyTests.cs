using System.Net;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Network;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Residency;
using FreshFoodz.Stacks.Policies;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>The network, secrets and logs rules: each holds on every committed plan and catches its injected violation.</summary>
public class PlatformPolicyTests
{
    private static readonly StackPlan De = StackPlanner.Build(Plans.Settings("de-prod"), Season.Weihnachten);

    [Fact]
    public void EveryCommittedPlanKeepsThePlatformRules()
    {
        foreach (var stack in ProjectFiles.Stacks)
        {
            var settings = Plans.Settings(stack);
            foreach (var season in SeasonNames.All)
            {
                Assert.Empty(PlatformPolicies.Check(StackPlanner.Build(settings, season), settings.Territory));
            }
        }
    }

    [Fact]
    public void NoPublicDataEndpoints()
    {
        var openServer = De.Mutate("data-critical-server", i => i.With("network", ((PlanMap)i["network"]!).With("publicNetworkAccess", "Enabled")));
        var openAccount = De.Mutate("audit-audit7y-account", i => i.With("publicNetworkAccess", "Enabled"));
        var openVault = De.Mutate("secrets-vault", i => i.With("properties", ((PlanMap)i["properties"]!).With("networkAcls", new Props { ["defaultAction"] = "Allow" }.Build())));
        Assert.Equal(("data-critical-server", "NoPublicDataEndpoints"), Single(PlatformPolicies.NoPublicDataEndpoints(openServer)));
        Assert.Equal(("audit-audit7y-account", "NoPublicDataEndpoints"), Single(PlatformPolicies.NoPublicDataEndpoints(openAccount)));
        Assert.Equal(("secrets-vault", "NoPublicDataEndpoints"), Single(PlatformPolicies.NoPublicDataEndpoints(openVault)));
    }

    [Fact]
    public void DiagnosticsStayInTerritory()
    {
        var setting = De.OfType("azure-native:monitor:DiagnosticSetting").First().Name;
        var toStorage = De.Mutate(setting, i => i.With("storageAccountId", "/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/elsewhere"));
        var toLiteral = De.Mutate(setting, i => i.With("workspaceId", "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/foreign"));
        var workspaceAbroad = De.Mutate("logs-workspace-critical", i => i.With("location", "switzerlandnorth"));
        Assert.Equal((setting, "DiagnosticsStayInTerritory"), Single(PlatformPolicies.DiagnosticsStayInTerritory(toStorage, Territory.Germany)));
        Assert.Equal((setting, "DiagnosticsStayInTerritory"), Single(PlatformPolicies.DiagnosticsStayInTerritory(toLiteral, Territory.Germany)));
        Assert.Contains(PlatformPolicies.DiagnosticsStayInTerritory(workspaceAbroad, Territory.Germany), v => v.Message.Contains("'logs-workspace-critical' is outside Germany", StringComparison.Ordinal));
    }

    [Fact]
    public void NetworksNeverOverlap()
    {
        var overlapping = De.Mutate("network-vnet-dr", i => i.With("addressSpace", new Props { ["addressPrefixes"] = PlanValue.List("10.16.128.0/17") }.Build()));
        Assert.Contains(PlatformPolicies.NetworksNeverOverlap(overlapping), v => v.Rule == "NetworksNeverOverlap"
            && v.Message.Contains("10.16.0.0/16 overlaps 10.16.128.0/17", StringComparison.Ordinal));
        var podRange = De.Mutate("network-vnet-dr", i => i.With("addressSpace", new Props { ["addressPrefixes"] = PlanValue.List("10.244.0.0/16") }.Build()));
        Assert.Contains(PlatformPolicies.NetworksNeverOverlap(podRange), v => v.Message.Contains("pod range", StringComparison.Ordinal));
        var strayed = De.Mutate("network-subnet-dr-postgres", i => i.With("addressPrefix", "10.16.16.0/24"));
        Assert.Equal(("network-subnet-dr-postgres", "NetworksNeverOverlap"), Single(PlatformPolicies.NetworksNeverOverlap(strayed)));
    }

    /// <summary>No two committed stacks share an address: any two can be peered through a hub later.</summary>
    [Fact]
    public void NoTwoStacksShareAnAddress()
    {
        var spaces = ProjectFiles.Stacks.SelectMany(stack =>
        {
            var plan = Plans.Settings(stack).Plan.Network;
            return new[] { (stack, plan.Primary), (stack, plan.DisasterRecovery) };
        }).ToList();
        for (var i = 0; i < spaces.Count; i++)
        {
            for (var j = i + 1; j < spaces.Count; j++)
            {
                Assert.False(AddressPlan.Overlaps(spaces[i].Item2, spaces[j].Item2), $"{spaces[i].stack} {spaces[i].Item2} overlaps {spaces[j].stack} {spaces[j].Item2}");
            }
        }
        Assert.True(AddressPlan.Overlaps(IPNetwork.Parse("10.16.0.0/16"), IPNetwork.Parse("10.16.17.0/24")));
    }

    [Fact]
    public void SecretsLiveInKeyVault()
    {
        var notStored = De with { Resources = [.. De.Resources.Where(r => r.Name != "secrets-secret-postgres-high-admin-password")] };
        Assert.Equal(("data-high-admin-password", "SecretsLiveInKeyVault"), Single(PlatformPolicies.SecretsLiveInKeyVault(notStored)));
        var inConfigMap = De.Mutate("access-sales-database", i => i.With("data", ((PlanMap)i["data"]!).With("password", new PlanSecret(new PlanRef("data-critical-admin-password", "result")))));
        Assert.Equal(("access-sales-database", "SecretsLiveInKeyVault"), Single(PlatformPolicies.SecretsLiveInKeyVault(inConfigMap)));
    }

    /// <summary>By the plan, a module's pods reach their tier's database privately with a password from Key Vault.</summary>
    [Fact]
    public void AModulesPodsReachTheirTiersDatabasePrivatelyWithAPasswordFromKeyVault()
    {
        // sales is critical: its service account is federated, may read exactly the critical password, and the CSI
        // driver mounts it from the vault; the host is the writer endpoint, resolved in the private zone.
        Assert.Equal("system:serviceaccount:sales:app", De.Text("access-sales-federation", "subject"));
        Assert.Equal(new PlanRef("platform-cluster", "oidcIssuerProfile.issuerURL"), De.Input("access-sales-federation", "issuer"));
        Assert.Equal(new PlanRef("secrets-secret-postgres-critical-admin-password", "id"), De.Input("access-sales-reads-password", "scope"));
        Assert.Contains("objectName: postgres-critical-admin-password", De.Text("access-sales-database-password", "spec.parameters.objects"), StringComparison.Ordinal);
        Assert.Equal("psql-ff-deprod-critical-writer.writer.postgres.database.azure.com", De.Text("access-sales-database", "data.host"));
        Assert.Equal("6432", De.Text("access-sales-database", "data.port"));
        // The server is in the primary network's delegated subnet with no public access; the cluster's nodes may
        // reach it on PgBouncer's port, and the vault through its private endpoint.
        Assert.Equal(new PlanRef("network-subnet-primary-postgres", "id"), De.Input("data-critical-server", "network.delegatedSubnetResourceId"));
        Assert.Equal(new PlanRef("network-subnet-dr-postgres", "id"), De.Input("data-critical-replica", "network.delegatedSubnetResourceId"));
        var rules = (PlanList)De.Input("network-nsg-primary-postgres", "securityRules")!;
        var fromCluster = (PlanMap)rules.Items.Single(r => ((PlanMap)r)["name"] == new PlanString("allow-cluster-to-postgres"));
        Assert.Equal(new PlanString("10.16.0.0/20"), fromCluster["sourceAddressPrefix"]);
        Assert.Equal(PlanValue.List("5432", "6432"), fromCluster["destinationPortRanges"]);
        Assert.Equal(new PlanRef("network-subnet-primary-private-endpoints", "id"), De.Input("secrets-vault-endpoint", "subnet.id"));
        // The private zones resolve from both networks, so names hold after a failover.
        foreach (var zone in new[] { "postgres", "vault", "blob" })
        {
            Assert.Equal(new PlanRef("network-vnet-primary", "id"), De.Input($"network-zone-{zone}-link-primary", "virtualNetwork.id"));
            Assert.Equal(new PlanRef("network-vnet-dr", "id"), De.Input($"network-zone-{zone}-link-dr", "virtualNetwork.id"));
        }
        // Logs land in the country.
        Assert.All(De.OfType("azure-native:operationalinsights:Workspace"), w => Assert.Equal(new PlanString("germanywestcentral"), w.Inputs["location"]));
    }

    private static (string, string) Single(IEnumerable<PolicyViolation> violations)
    {
        var v = Assert.Single(violations);
        return (v.Resource, v.Rule);
    }
}
