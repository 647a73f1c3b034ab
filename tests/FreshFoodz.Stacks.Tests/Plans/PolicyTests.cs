using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Residency;
using FreshFoodz.Stacks.Policies;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>The stack policies, named as rules, on the committed stacks and on plans mutated to break them.</summary>
public class PolicyTests
{
    public static TheoryData<string> Stacks() => [.. ProjectFiles.Stacks];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void CommittedStacksKeepEveryPolicyInEverySeason(string stack)
    {
        var settings = Plans.Settings(stack);
        foreach (var season in SeasonNames.All)
        {
            var plan = StackPlanner.Build(settings, season);
            Assert.Empty(StackPolicies.Check(plan, settings));
        }
        Assert.Empty(SeasonSwitchPolicy.CheckAllSeasons(settings, s => StackPlanner.Build(settings, s)));
    }

    [Fact]
    public void SwissDataMustStayInSwitzerland()
    {
        var settings = Plans.Settings("ch-prod");
        var plan = StackPlanner.Build(settings, Season.Baseline);
        Assert.All(plan.Resources.Where(r => !StackPolicies.GlobalTypes.Contains(r.Type)).Select(r => r.Inputs["location"]).OfType<PlanString>(),
            l => Assert.Contains(l.Value, new[] { "switzerlandnorth", "switzerlandwest" }));
        // Private DNS is global by nature (names only); nothing else may be.
        Assert.All(plan.Resources.Where(r => StackPolicies.GlobalTypes.Contains(r.Type)), r => Assert.Equal(new PlanString("global"), r.Inputs["location"]));
        var zoneInGermany = plan.Mutate("network-zone-postgres", i => i.With("location", "germanywestcentral"));
        Assert.Equal("network-zone-postgres", Assert.Single(StackPolicies.Residency(zoneInGermany, Territory.Switzerland, settings.Plan.SubscriptionId)).Resource);
        // Mutation: a Swiss database moved to Germany is caught and named.
        var moved = plan.Mutate("data-critical-server", i => i.With("location", "germanywestcentral"));
        var violation = Assert.Single(StackPolicies.Residency(moved, Territory.Switzerland, settings.Plan.SubscriptionId));
        Assert.Equal("data-critical-server", violation.Resource);
        Assert.Equal("SwissDataMustStayInSwitzerland", violation.Rule);
    }

    [Fact]
    public void GermanDataMustStayInGermany()
    {
        var settings = Plans.Settings("de-prod");
        var moved = StackPlanner.Build(settings, Season.Baseline).Mutate("audit-audit7y-account", i => i.With("location", "westeurope"));
        var violation = Assert.Single(StackPolicies.Residency(moved, Territory.Germany, settings.Plan.SubscriptionId));
        Assert.Equal(("audit-audit7y-account", "GermanDataMustStayInGermany"), (violation.Resource, violation.Rule));
        Assert.Contains("westeurope", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicasStayInCountry()
    {
        var settings = Plans.Settings("de-prod");
        // Mutation: the replica placed in the primary region is no DR copy.
        var misplaced = StackPlanner.Build(settings, Season.Baseline).Mutate("data-critical-replica", i => i.With("location", "germanywestcentral"));
        Assert.Contains(StackPolicies.Residency(misplaced, Territory.Germany, settings.Plan.SubscriptionId),
            v => v.Rule == "ReplicasStayInCountry" && v.Resource == "data-critical-replica");
    }

    [Fact]
    public void NoReferenceCrossesTerritories()
    {
        var de = Plans.Settings("de-prod");
        var plan = StackPlanner.Build(de, Season.Baseline);
        // Mutation 1: a German replica sourced from a Swiss server (a reference that is not in this stack).
        var swissRef = plan.Mutate("data-critical-replica", i => i.With("sourceServerResourceId", new PlanRef("ch-prod-data-critical-server", "id")));
        Assert.Contains(StackPolicies.Residency(swissRef, Territory.Germany, de.Plan.SubscriptionId),
            v => v.Rule == "NoReferenceCrossesTerritories" && v.Resource == "data-critical-replica");
        // Mutation 2: a literal resource id in the Swiss subscription.
        var swissId = plan.Mutate("data-critical-replica", i => i.With("sourceServerResourceId",
            "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-freshfoodz-ch-prod-szn/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-ff-chprod-critical"));
        Assert.Contains(StackPolicies.Residency(swissId, Territory.Germany, de.Plan.SubscriptionId),
            v => v.Rule == "NoReferenceCrossesTerritories" && v.Message.Contains("22222222-2222-4222-8222-222222222222", StringComparison.Ordinal));
        // Mutation 3: a value naming a Swiss region.
        var swissRegion = plan.Mutate("workloads-sales-season", i => i.With("data", new Props { ["replicaRegion"] = "switzerlandwest" }.Build()));
        Assert.Contains(StackPolicies.Residency(swissRegion, Territory.Germany, de.Plan.SubscriptionId),
            v => v.Rule == "NoReferenceCrossesTerritories" && v.Message.Contains("switzerlandwest", StringComparison.Ordinal));
    }

    [Fact]
    public void SeasonSwitchNeverReplacesStatefulResources()
    {
        var settings = Plans.Settings("de-prod");
        var baseline = StackPlanner.Build(settings, Season.Baseline);
        var weihnachten = StackPlanner.Build(settings, Season.Weihnachten);
        Assert.Empty(SeasonSwitchPolicy.Check(baseline, weihnachten));
        // Mutation: a season that moved the server to another zone would replace it (availabilityZone is create-only in
        // the REST spec, so ForceNew in azure-native's metadata). A version change is not one: the spec lets version
        // change in place (a major version upgrade), which the provider follows.
        var moved = weihnachten.Mutate("data-critical-server", i => i.With("availabilityZone", "2"));
        var violation = Assert.Single(SeasonSwitchPolicy.Check(baseline, moved));
        Assert.Equal(("data-critical-server", "SeasonSwitchNeverReplacesResources"), (violation.Resource, violation.Rule));
        Assert.DoesNotContain(SeasonSwitchPolicy.Check(baseline, weihnachten.Mutate("data-critical-server", i => i.With("version", "17"))),
            v => v.Rule == "SeasonSwitchNeverReplacesResources");
        // Mutation: a season that changed the app pool's VM size would replace the pool.
        var resized = weihnachten.Mutate("platform-app-pool", i => i.With("vmSize", "Standard_D8ds_v5"));
        Assert.Contains(SeasonSwitchPolicy.Check(baseline, resized), v => v.Resource == "platform-app-pool" && v.Message.Contains("'vmSize'", StringComparison.Ordinal));
    }

    [Fact]
    public void StorageNeverShrinks()
    {
        var settings = Plans.Settings("de-prod");
        var baseline = StackPlanner.Build(settings, Season.Baseline);
        // Mutation: a season with a smaller disk.
        var shrunk = StackPlanner.Build(settings, Season.Spargel)
            .Mutate("data-critical-server", i => i.With("storage", new Props { ["storageSizeGB"] = 256, ["autoGrow"] = "Enabled" }.Build()));
        var violation = Assert.Single(SeasonSwitchPolicy.Check(baseline, shrunk));
        Assert.Equal(("data-critical-server", "StorageNeverShrinks"), (violation.Resource, violation.Rule));
        Assert.Empty(SeasonSwitchPolicy.Check(shrunk, baseline)); // growing is fine
    }

    [Fact]
    public void SeasonSwitchKeepsTheSameResources()
    {
        var settings = Plans.Settings("de-prod");
        var plans = SeasonNames.All.Select(s => StackPlanner.Build(settings, s)).ToList();
        var sets = plans.Select(p => p.Resources.Select(r => (r.Type, r.Name)).ToHashSet()).ToList();
        Assert.All(sets, s => Assert.True(s.SetEquals(sets[0])));
        var dropped = plans[1] with { Resources = [.. plans[1].Resources.Where(r => r.Name != "data-high-replica")] };
        Assert.Contains(SeasonSwitchPolicy.Check(plans[0], dropped), v => v.Rule == "SeasonSwitchKeepsResources" && v.Resource == "data-high-replica");
    }

    [Fact]
    public void ProductionStackWithoutReplicasIsRefusedNamingTheFunction()
    {
        var settings = Plans.SettingsWith("de-prod", ("freshfoodz:environment: production", "freshfoodz:environment: production\n  freshfoodz:crossRegionReplicas: false"));
        var e = Assert.Throws<PlanPolicyException>(() => StackPlanner.Plan(settings, Season.Baseline));
        var orders = Assert.Single(e.Violations, v => v.Resource == "order processing");
        Assert.Equal("DrTargetsMet", orders.Rule);
        Assert.Equal(
            "order processing (critical) misses RTO < 1 h / RPO < 15 min: zone outage recovers by point-in-time restore in 12 h losing up to 5 min",
            orders.Message);
        Assert.Contains(e.Violations, v => v.Resource == "CRM");
        Assert.DoesNotContain(e.Violations, v => v.Resource == "help");
    }

    [Fact]
    public void RehearsalMayDropReplicasAsAWaiver()
    {
        var plan = Plans.Of("peak-weihnachten", Season.Weihnachten);
        Assert.DoesNotContain(plan.Resources, r => r.Name.EndsWith("-replica", StringComparison.Ordinal));
        Assert.Equal(new PlanString("waived (synthetic data only)"), plan.Outputs["drVerdict"]);
    }

    [Fact]
    public void StatefulResourcesAreProtected()
    {
        var settings = Plans.Settings("de-prod");
        var plan = StackPlanner.Build(settings, Season.Baseline);
        var unprotected = plan with
        {
            Resources = [.. plan.Resources.Select(r => r.Name == "data-high-server" ? r with { Options = r.Options with { Protect = false } } : r)],
        };
        var violation = Assert.Single(StackPolicies.Protection(unprotected));
        Assert.Equal(("data-high-server", "StatefulResourcesAreProtected"), (violation.Resource, violation.Rule));
    }

    /// <summary>
    /// What a <c>pulumi destroy</c> of de-prod (after <c>pulumi state unprotect --all</c>) and then a deleted resource
    /// group leave, worked out on the plan: Pulumi deletes everything not kept on delete (retainOnDelete) and forgets the
    /// rest; Azure refuses to delete a group holding a locked resource, and a lock covers its resource and the
    /// resource's children (a server's databases, an account's containers).
    /// </summary>
    [Fact]
    public void ADestroyAndADeletedGroupKeepTheData()
    {
        var plan = StackPlanner.Build(Plans.Settings("de-prod"), Season.Weihnachten);
        var kept = plan.Resources.Where(r => r.Options.RetainOnDelete).ToList();
        Assert.Equal(
            [
                "audit-acct11y-account", "audit-acct11y-account-lock", "audit-acct11y-container", "audit-audit7y-account", "audit-audit7y-account-lock", "audit-audit7y-container",
                "data-critical-database", "data-critical-replica", "data-critical-replica-lock", "data-critical-server", "data-critical-server-lock",
                "data-high-database", "data-high-replica", "data-high-replica-lock", "data-high-server", "data-high-server-lock",
                "data-standard-database", "data-standard-server", "data-standard-server-lock",
                "foundation-rg-dr", "foundation-rg-primary", "network-egress-ip", "network-egress-ip-lock",
            ],
            kept.Select(r => r.Name).Order(StringComparer.Ordinal));
        // Every stateful type with data is among them (servers, databases, accounts, containers).
        Assert.All(plan.Resources.Where(r => r.Type is "azure-native:dbforpostgresql:Server" or "azure-native:dbforpostgresql:Database"
            or "azure-native:storage:StorageAccount" or "azure-native:storage:BlobContainer"), r => Assert.Contains(r, kept));
        // Each kept group holds a locked resource, so deleting it in Azure fails, and every kept resource is locked
        // itself or through its parent.
        var locked = plan.OfType("azure-native:authorization:ManagementLockByScope")
            .Where(l => kept.Contains(l) && l.Inputs["level"] == new PlanString("CanNotDelete"))
            .Select(l => ((PlanRef)l.Inputs["scope"]!).Resource).ToHashSet();
        bool Locked(PlannedResource r) => locked.Contains(r.Name)
            || (r.Inputs["serverName"] ?? r.Inputs["accountName"]) is PlanRef parent && locked.Contains(parent.Resource);
        foreach (var group in kept.Where(r => r.Type == "azure-native:resources:ResourceGroup"))
        {
            Assert.Contains(kept, r => r.Inputs["resourceGroupName"] is PlanRef g && g.Resource == group.Name && Locked(r));
        }
        Assert.All(kept.Where(r => r.Type is not ("azure-native:resources:ResourceGroup" or "azure-native:authorization:ManagementLockByScope")), r => Assert.True(Locked(r), r.Name));
    }

    [Fact]
    public void RetainedDataSurvivesDeletion()
    {
        var plan = StackPlanner.Build(Plans.Settings("de-prod"), Season.Baseline);
        Assert.Empty(StackPolicies.Retention(plan));
        // The primary group only protected, as before: a destroy after unprotect deletes it with the kept servers inside.
        var groupDeleted = plan with
        {
            Resources = [.. plan.Resources.Select(r => r.Name == "foundation-rg-primary" ? r with { Options = r.Options with { RetainOnDelete = false } } : r)],
        };
        var inGroup = StackPolicies.Retention(groupDeleted).ToList();
        Assert.Contains(inGroup, v => v.Resource == "data-critical-server" && v.Rule == "RetainedDataSurvivesDeletion"
            && v.Message.StartsWith("is kept on delete but sits in foundation-rg-primary, which a destroy deletes", StringComparison.Ordinal));
        Assert.DoesNotContain(inGroup, v => v.Resource == "data-critical-replica"); // in the DR group, which is still kept
        // The server's lock gone: deleting the group in Azure would delete the server and its database.
        var unlocked = plan with { Resources = [.. plan.Resources.Where(r => r.Name != "data-critical-server-lock")] };
        Assert.Equal(["data-critical-database", "data-critical-server"],
            StackPolicies.Retention(unlocked).Select(v => v.Resource).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTaggableResourceIsTagged()
    {
        var settings = Plans.Settings("ch-prod");
        var plan = StackPlanner.Build(settings, Season.Baseline);
        Assert.Empty(StackPolicies.Tagging(plan));
        var untagged = plan.Mutate("platform-cluster", i => i.With("tags", new Props { ["territory"] = "ch" }.Build()));
        var violation = Assert.Single(StackPolicies.Tagging(untagged));
        Assert.Equal("missing tags: dataClassification, costCentre", violation.Message);
    }

    /// <summary>The season is not a tag: a switch must touch only what its capacity changes (issue 20).</summary>
    [Fact]
    public void NoResourceCarriesTheSeason()
    {
        var plan = StackPlanner.Build(Plans.Settings("de-prod"), Season.Weihnachten);
        Assert.All(plan.Resources, r => Assert.Null(r.Inputs.At("tags.season")));
        Assert.All(plan.Resources, r => Assert.Null(r.Inputs.At("metadata.labels") is PlanMap labels ? labels["freshfoodz.io/season"] : null));
    }

    [Fact]
    public void CredentialsAreSecrets()
    {
        var settings = Plans.Settings("de-prod");
        var plan = StackPlanner.Build(settings, Season.Baseline);
        var plain = plan.Mutate("data-standard-server", i => i.With("administratorLoginPassword", "hunter2hunter2"));
        var violation = Assert.Single(StackPolicies.Secrets(plain));
        Assert.Equal(("data-standard-server", "CredentialsAreSecrets"), (violation.Resource, violation.Rule));
        Assert.Throws<ArgumentException>(() => new PlanSecret(new PlanString("hunter2")));
    }

    [Fact]
    public void PlanJsonHoldsNoSecretInPlainText()
    {
        foreach (var stack in ProjectFiles.Stacks)
        {
            var json = PlanJson.Serialize(Plans.Of(stack, Season.Weihnachten));
            Assert.DoesNotContain("secure:", json, StringComparison.Ordinal);
            Assert.Contains("\"$secret\"", json, StringComparison.Ordinal);
        }
    }
}
