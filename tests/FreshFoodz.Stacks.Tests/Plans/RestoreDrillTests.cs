using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>
/// The RPO canary and the restore drill in the plan: what the drill adds, that it touches nothing else, that it keeps
/// every policy and deployment rule (production included), and that removing the setting removes it.
/// </summary>
public class RestoreDrillTests
{
    private const string Drill = "freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [critical, high, standard]}";
    private static readonly DateOnly DrillDay = new(2027, 3, 2);

    private static StackSettings WithDrill(string stack, string drill = Drill) =>
        Plans.SettingsWith(stack, ("freshfoodz:territory:", $"{drill}\n  freshfoodz:territory:"));

    private static readonly StackSettings De = Plans.Settings("de-prod");
    private static readonly StackSettings DeDrill = WithDrill("de-prod");

    /// <summary>On the drill's day (2027-03-02) a production archive is locked (AuditArchiveLockedInTime), as it will be by then.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void ADrillKeepsEveryPolicyAndRuleOnItsDayProductionIncluded(string stack)
    {
        var settings = Plans.SettingsWith(stack,
            ("freshfoodz:territory:", $"{Drill}\n  freshfoodz:territory:"),
            ("freshfoodz:auditImmutability: unlocked", "freshfoodz:auditImmutability: locked"));
        foreach (var season in SeasonNames.All)
        {
            var plan = StackPlanner.Plan(settings, season, DrillDay);
            Assert.Equal(8, plan.Resources.Count(r => r.Options.Parent == "restore-drill"));
        }
        Assert.Equal(StackEnvironment.Production, DeDrill.Plan.Environment);
    }

    /// <summary>The drill adds its servers and Jobs and changes nothing else: every other resource is the same, byte for byte.</summary>
    [Fact]
    public void TheDrillTouchesNothingElse()
    {
        var without = StackPlanner.Build(De, Season.Baseline);
        var with = StackPlanner.Build(DeDrill, Season.Baseline);
        var added = with.Resources.Where(r => without.Resources.All(o => o.Name != r.Name)).ToList();
        Assert.All(added, r => Assert.Equal("restore-drill", r.Options.Parent));
        Assert.Equal(
            ["critical-pitr-server", "critical-pitr-verify", "high-pitr-server", "high-pitr-verify",
             "standard-geo-server", "standard-geo-verify", "standard-pitr-server", "standard-pitr-verify"],
            added.Select(r => r.Name["restore-drill-".Length..]).Order(StringComparer.Ordinal));
        foreach (var r in without.Resources)
        {
            Assert.Equal(PlanJson.Value(r.Inputs)!.ToJsonString(), PlanJson.Value(with.Resource(r.Name).Inputs)!.ToJsonString());
            Assert.Equal(r.Options, with.Resource(r.Name).Options);
        }
    }

    /// <summary>Removing the setting deletes exactly the drill, and Pulumi may: nothing it removes is protected or retained.</summary>
    [Fact]
    public void RemovingTheSettingRemovesTheDrill()
    {
        var with = StackPlanner.Build(DeDrill, Season.Baseline);
        var removed = with.Resources.Where(r => StackPlanner.Build(De, Season.Baseline).Resources.All(o => o.Name != r.Name)).ToList();
        Assert.Equal(8, removed.Count);
        Assert.All(removed, r => Assert.False(r.Options.Protect || r.Options.RetainOnDelete, $"{r.Name} would survive its removal"));
        Assert.Null(Plans.SettingsWith("de-prod", ("freshfoodz:territory:", "freshfoodz:restoreDrill: none\n  freshfoodz:territory:")).Plan.RestoreDrill);
    }

    [Fact]
    public void DrillServersAreNamedTaggedAndRestoredFromTheirTiersPrimary()
    {
        var plan = StackPlanner.Build(DeDrill, Season.Baseline);
        var pitr = plan.Resource("restore-drill-critical-pitr-server");
        Assert.Equal("psql-ff-deprod-critical-drill-pitr-20270302", plan.Text(pitr.Name, "serverName"));
        Assert.Equal(("PointInTimeRestore", "germanywestcentral", "2027-03-02T00:00:00Z"),
            (plan.Text(pitr.Name, "createMode"), plan.Text(pitr.Name, "location"), plan.Text(pitr.Name, "pointInTimeUTC")));
        Assert.Equal(new PlanRef("data-critical-server", "id"), pitr.Inputs["sourceServerResourceId"]);
        Assert.Equal("restore-drill", plan.Text(pitr.Name, "tags.purpose"));
        // Only the standard tier (which recovers a region outage by geo-restore) has a geo-restore, in the DR region.
        var geo = plan.Resources.Where(r => plan.Text(r.Name, "createMode") == "GeoRestore").ToList();
        var g = Assert.Single(geo);
        Assert.Equal(("restore-drill-standard-geo-server", "germanynorth"), (g.Name, plan.Text(g.Name, "location")));
        Assert.Equal(new PlanRef("network-subnet-dr-postgres", "id"), g.Inputs.At("network.delegatedSubnetResourceId"));
        Assert.Equal(new PlanRef("foundation-rg-dr", "name"), g.Inputs["resourceGroupName"]);
        // The apps never reach a drill server.
        Assert.Empty(StackPolicies.DrillServersStayApart(plan));
    }

    /// <summary>The verification connects to the drill server straight (no PgBouncer after a restore) as the tier's identity.</summary>
    [Fact]
    public void VerificationReadsTheRestoredCopyAsTheTiersIdentity()
    {
        var plan = StackPlanner.Build(DeDrill, Season.Baseline);
        var job = plan.Resource("restore-drill-high-pitr-verify");
        var pod = (PlanMap)job.Inputs.At("spec.template.spec")!;
        Assert.Equal("drill-high", (pod["serviceAccountName"] as PlanString)?.Value);
        var env = ((PlanList)pod.At("containers")!).Items.OfType<PlanMap>().Single()["env"] as PlanList;
        var vars = env!.Items.OfType<PlanMap>().ToDictionary(e => ((PlanString)e["name"]!).Value, e => e["value"]!);
        Assert.Equal(new PlanRef("restore-drill-high-pitr-server", "fullyQualifiedDomainName"), vars["PGHOST"]);
        Assert.Equal(new PlanString("5432"), vars["PGPORT"]);
        Assert.Equal(new PlanRef("restore-drill-high-pitr-server", "systemData.createdAt"), vars["DRILL_STARTED_AT"]);
        Assert.Equal(new PlanString("2027-03-02T00:00:00Z"), vars["RESTORE_POINT"]);
        // A Job's pod template cannot change: nothing in it may follow the season (a switch would re-run the drill).
        Assert.Equal(PlanJson.Value(job.Inputs)!.ToJsonString(), PlanJson.Value(StackPlanner.Build(DeDrill, Season.Weihnachten).Resource(job.Name).Inputs)!.ToJsonString());
    }

    [Fact]
    public void ThePolicyCatchesADrillServerThatIsProtectedOrReachedByTheApps()
    {
        var plan = StackPlanner.Build(DeDrill, Season.Baseline);
        var protectedDrill = plan with
        {
            Resources = [.. plan.Resources.Select(r => r.Name == "restore-drill-high-pitr-server" ? r with { Options = r.Options with { Protect = true } } : r)],
        };
        Assert.Contains(StackPolicies.DrillServersStayApart(protectedDrill), v => v.Resource == "restore-drill-high-pitr-server" && v.Message.Contains("neither protected nor retained", StringComparison.Ordinal));
        // An app's ConfigMap pointed at the drill copy, by name.
        var reached = plan.Mutate("access-sales-database", i => i.With("data", new Props { ["host"] = "psql-ff-deprod-critical-drill-pitr-20270302.postgres.database.azure.com" }.Build()));
        var v = Assert.Single(StackPolicies.DrillServersStayApart(reached));
        Assert.Equal(("access-sales-database", "DrillServersStayApart"), (v.Resource, v.Rule));
        // A restore without the drill's tag is neither a drill nor exempt from protection.
        var untagged = plan.Mutate("restore-drill-high-pitr-server", i => i.With("tags", new Props { ["territory"] = "de" }.Build()));
        Assert.Contains(StackPolicies.DrillServersStayApart(untagged), x => x.Resource == "restore-drill-high-pitr-server");
        Assert.Contains(StackPolicies.Protection(untagged), x => x.Resource == "restore-drill-high-pitr-server");
        Assert.Empty(StackPolicies.Protection(plan));
    }

    /// <summary>Every tier's canary writes through the apps' path: the writer endpoint and PgBouncer where the tier has them.</summary>
    [Fact]
    public void EveryTierHasACanaryOnTheAppsPath()
    {
        var plan = StackPlanner.Build(De, Season.Baseline);
        string Env(string tier, string name) =>
            (((PlanList)plan.Resource($"canary-{tier}").Inputs.At("spec.jobTemplate.spec.template.spec.containers")!).Items.OfType<PlanMap>().Single()["env"] as PlanList)!
            .Items.OfType<PlanMap>().Where(e => ((PlanString)e["name"]!).Value == name).Select(e => e["value"] switch
            {
                PlanString s => s.Value,
                PlanRef r => $"{r.Resource}.{r.Output}",
                var x => x?.ToString() ?? "",
            }).Single();
        Assert.Equal(("psql-ff-deprod-critical-writer.writer.postgres.database.azure.com", "6432"), (Env("critical", "PGHOST"), Env("critical", "PGPORT")));
        Assert.Equal(("psql-ff-deprod-high-writer.writer.postgres.database.azure.com", "6432"), (Env("high", "PGHOST"), Env("high", "PGPORT")));
        // The standard tier (Burstable in de-prod) has no replica and no PgBouncer.
        Assert.Equal(("data-standard-server.fullyQualifiedDomainName", "5432"), (Env("standard", "PGHOST"), Env("standard", "PGPORT")));
        Assert.Equal("* * * * *", plan.Text("canary-critical", "spec.schedule"));
        // Each tier's identity reads its own tier's password, nothing else.
        Assert.Equal(new PlanRef("secrets-secret-postgres-high-admin-password", "id"), plan.Resource("canary-high-reads-password").Inputs["scope"]);
        Assert.Contains(DrillMetrics.CanaryLastWrite, RecoveryCanary.Script, StringComparison.Ordinal);
    }
}
