using System.Reflection;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.DeploymentRules;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>
/// The deployment rules: the committed stacks keep them on the first deployment day, and every rule catches a plan
/// (or an update) mutated to break it, naming resource and property. One test per rule, named {RuleId}IsCaught.
/// </summary>
public class DeploymentRuleTests
{
    private static readonly DateOnly FirstDeployment = new(2026, 12, 2);
    private static readonly StackSettings De = Plans.Settings("de-prod");
    private static readonly StackPlan Baseline = StackPlanner.Build(De, Season.Baseline);

    public static TheoryData<string> Stacks() => [.. ProjectFiles.Stacks];

    [Fact]
    public void EveryRuleHasAnIdStatementSourceAndACheck()
    {
        Assert.Equal(DeploymentRuleCatalog.All.Count, DeploymentRuleCatalog.All.Select(r => r.Id).Distinct().Count());
        Assert.All(DeploymentRuleCatalog.All, r =>
        {
            Assert.Matches("^[A-Z][A-Za-z]+$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Statement));
            Assert.Matches("(docs|schema|REST|Updates)", r.Source);
            Assert.True(r.OnPlan is not null || r.OnSwitch is not null, $"{r.Id} checks nothing");
        });
    }

    [Fact]
    public void EveryRuleHasATestThatInjectsItsViolation()
    {
        var tests = typeof(DeploymentRuleTests).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).ToHashSet();
        Assert.All(DeploymentRuleCatalog.All, r => Assert.Contains($"{r.Id}IsCaught", tests));
    }

    [Fact]
    public void EveryRuleIsDocumentedWithItsSource()
    {
        var doc = File.ReadAllText(Path.Combine(ProjectFiles.Root, "docs", "deployment-rules.md"));
        Assert.All(DeploymentRuleCatalog.All, r => Assert.Matches($@"(?m)^### {r.Id} \((plan|switch|plan and switch)[^)]*\)\n(.+\n)*?.*Source", doc));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void CommittedStacksKeepEveryRuleOnTheFirstDeploymentDay(string stack)
    {
        var settings = Plans.Settings(stack);
        foreach (var season in SeasonNames.All)
        {
            var report = StackPlanner.Rules(settings, season, FirstDeployment);
            Assert.DoesNotContain(report.Findings, f => f.Level == RuleLevel.Refuse);
            Assert.All(report.Verdicts, v => Assert.True(v.Judged));
        }
    }

    [Fact]
    public void WithoutAPlanDateTheDateRulesAreNotJudged()
    {
        var report = StackPlanner.Rules(De, Season.Baseline, null);
        Assert.Equal(["AuditArchiveLockedInTime", "AksVersionSupported", "AksUpgradeOutsidePeakWindow", "PostgresRestorePointRestorable"],
            report.Verdicts.Where(v => !v.Judged).Select(v => v.Rule.Id));
    }

    [Fact]
    public void ARefusedPlanIsRefusedWithResourcePropertyAndRuleNamed()
    {
        var old = Plans.SettingsWith("de-prod", ("kubernetesVersion: \"1.36\"", "kubernetesVersion: \"1.33\""));
        var e = Assert.Throws<PlanPolicyException>(() => StackPlanner.Plan(old, FirstDeployment));
        var v = Assert.Single(e.Violations);
        Assert.Equal(("platform-cluster", "AksVersionSupported"), (v.Resource, v.Rule));
        Assert.StartsWith("'kubernetesVersion' 1.33 reached its end of life on 2026-07-31", v.Message, StringComparison.Ordinal);
        // Without a plan date the version is not judged: the same settings plan.
        Assert.NotNull(StackPlanner.Plan(old, Season.Baseline));
    }

    [Fact]
    public void AuditImmutabilityCreatedUnlockedIsCaught()
    {
        var locked = Baseline.Mutate("audit-audit7y-account", i => Set(i, "immutableStorageWithVersioning.immutabilityPolicy.state", "Locked"));
        var f = Single(Judge(De, locked), "AuditImmutabilityCreatedUnlocked");
        Assert.Equal(("audit-audit7y-account", "immutableStorageWithVersioning.immutabilityPolicy.state", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        // Locked by the setting is right, but not on or before the creation day: the account must exist first.
        var settingLocked = Plans.SettingsWith("de-prod", ("auditImmutability: unlocked", "auditImmutability: locked"));
        var lockedPlan = StackPlanner.Build(settingLocked, Season.Baseline);
        Assert.DoesNotContain(Judge(settingLocked, lockedPlan, new DateOnly(2026, 12, 20)), x => x.Rule == "AuditImmutabilityCreatedUnlocked");
        Assert.Contains(Judge(settingLocked, lockedPlan, FirstDeployment), x => x.Rule == "AuditImmutabilityCreatedUnlocked");
    }

    [Fact]
    public void AuditImmutabilityNeverUnlocksIsCaught()
    {
        var settingLocked = Plans.SettingsWith("de-prod", ("auditImmutability: unlocked", "auditImmutability: locked"));
        var locked = StackPlanner.Build(settingLocked, Season.Baseline);
        // The update from the locked stack file back to unlocked.
        var f = Single(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, new DateOnly(2027, 2, 1)), locked, Baseline, Season.Baseline).Findings,
            "AuditImmutabilityNeverUnlocks", "audit-acct11y-account");
        Assert.Equal(RuleLevel.Refuse, f.Level);
        Assert.Contains("from Locked to Unlocked", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditArchiveLockedInTimeIsCaught()
    {
        // de-prod is created 2026-12-02: a warning until 2027-01-01, a refusal after it; a rehearsal stack is never held to it.
        Assert.All(Judge(De, Baseline, new DateOnly(2027, 1, 1)).Where(f => f.Rule == "AuditArchiveLockedInTime"), f => Assert.Equal(RuleLevel.Warn, f.Level));
        var late = Judge(De, Baseline, new DateOnly(2027, 1, 2)).Where(f => f.Rule == "AuditArchiveLockedInTime").ToList();
        Assert.Equal(2, late.Count);
        Assert.All(late, f => Assert.Equal(RuleLevel.Refuse, f.Level));
        var rehearsal = Plans.Settings("peak-weihnachten");
        Assert.DoesNotContain(Judge(rehearsal, StackPlanner.Build(rehearsal, Season.Weihnachten), new DateOnly(2027, 6, 1)), f => f.Rule == "AuditArchiveLockedInTime");
    }

    [Fact]
    public void BudgetStartsOnFirstOfMonthIsCaught()
    {
        // The old fixed start, a month before de-prod is created; and a start that is not a month's first day.
        var past = Baseline.Mutate("cost-guard-budget", i => Set(i, "timePeriod.startDate", "2026-11-01T00:00:00Z"));
        Assert.Equal(RuleLevel.Refuse, Single(Judge(De, past), "BudgetStartsOnFirstOfMonth").Level);
        var midMonth = Baseline.Mutate("cost-guard-budget", i => Set(i, "timePeriod.startDate", "2027-01-15T00:00:00Z"));
        Assert.Contains("not the first day of a month", Single(Judge(De, midMonth), "BudgetStartsOnFirstOfMonth").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetStartNeverChangesIsCaught()
    {
        var moved = Plans.SettingsWith("de-prod", ("createdOn: \"2026-12-02\"", "createdOn: \"2027-01-05\""));
        var f = Single(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(moved, FirstDeployment), Baseline, StackPlanner.Build(moved, Season.Baseline), Season.Baseline).Findings,
            "BudgetStartNeverChanges");
        Assert.Equal(("cost-guard-budget", "timePeriod.startDate"), (f.Resource, f.Property));
    }

    [Fact]
    public void BudgetInBillingCurrencyIsCaught()
    {
        // de-prod's subscription is billed in EUR: an amount meant as CHF would be read as EUR.
        var chf = Plans.SettingsWith("de-prod", ("currency: EUR", "currency: CHF"));
        var f = Single(Judge(chf, StackPlanner.Build(chf, Season.Baseline)), "BudgetInBillingCurrency");
        Assert.Equal(("cost-guard-budget", "amount", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("600 CHF", f.Message, StringComparison.Ordinal);
        Assert.Contains("billed in EUR", f.Message, StringComparison.Ordinal);
        // ch-prod states CHF, its billing currency.
        var ch = Plans.Settings("ch-prod");
        Assert.DoesNotContain(Judge(ch, StackPlanner.Build(ch, Season.Baseline)), x => x.Rule == "BudgetInBillingCurrency");
    }

    [Fact]
    public void StacksSharingASubscriptionPlanOneSubscriptionBudget()
    {
        // peak-weihnachten shares de-prod's subscription: only the production stack owns the subscription-wide budget.
        var budgets = ProjectFiles.Stacks.Select(Plans.Settings)
            .GroupBy(s => s.Plan.SubscriptionId)
            .Select(g => (Subscription: g.Key, Stacks: g.Count(), Budgets: g.Sum(s => StackPlanner.Build(s, Season.Baseline).OfType("azure-native:consumption:Budget").Count())))
            .ToList();
        Assert.Contains(budgets, b => b.Stacks > 1);
        Assert.All(budgets, b => Assert.Equal(1, b.Budgets));
        var rehearsal = Plans.Settings("peak-weihnachten");
        Assert.Empty(StackPlanner.Build(rehearsal, Season.Weihnachten).OfType("azure-native:consumption:Budget"));
    }

    [Fact]
    public void AksVersionSupportedIsCaught()
    {
        // 1.33: end of life 2026-07-31 (calendar); 1.37: GA October 2026, so not before 2026-10-31; 1.36 warns from 180 days before 2027-06-30.
        Assert.Equal(RuleLevel.Refuse, Single(Judge(De, WithVersion("1.33"), FirstDeployment), "AksVersionSupported").Level);
        Assert.Equal(RuleLevel.Refuse, Single(Judge(De, WithVersion("1.37"), new DateOnly(2026, 10, 30)), "AksVersionSupported").Level);
        Assert.DoesNotContain(Judge(De, WithVersion("1.37"), new DateOnly(2026, 10, 31)), f => f.Rule == "AksVersionSupported");
        Assert.Contains("not in the AKS release calendar", Single(Judge(De, WithVersion("1.29"), FirstDeployment), "AksVersionSupported").Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Judge(De, Baseline, new DateOnly(2026, 12, 31)), f => f.Rule == "AksVersionSupported");
        Assert.Equal(RuleLevel.Warn, Single(Judge(De, Baseline, new DateOnly(2027, 1, 1)), "AksVersionSupported").Level);
        // Long-term support (Premium + AKSLongTermSupport) runs 1.33 to 2027-07-31.
        var lts = WithVersion("1.33").Mutate("platform-cluster", i => Set(Set(i, "sku.tier", "Premium"), "supportPlan", "AKSLongTermSupport"));
        Assert.DoesNotContain(Judge(De, lts, FirstDeployment), f => f.Rule == "AksVersionSupported");
        Assert.Equal(RuleLevel.Warn, Single(Judge(De, lts, new DateOnly(2027, 3, 1)), "AksVersionSupported").Level);
    }

    [Fact]
    public void AksUpgradeOutsidePeakWindowIsCaught()
    {
        var upgraded = WithVersion("1.37");
        // Weihnachten: capacity from 2026-10-18 (T-14) to 2026-12-31 — a freeze; 2027-01-10 is outside every window.
        var inside = DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, FirstDeployment), Baseline, upgraded, Season.Baseline).Findings;
        var f = Single(inside, "AksUpgradeOutsidePeakWindow");
        Assert.Equal(("platform-cluster", "kubernetesVersion", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("weihnachten change freeze (2026-10-18 to 2026-12-31)", f.Message, StringComparison.Ordinal);
        var outside = DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, new DateOnly(2027, 1, 10)), Baseline, upgraded, Season.Baseline).Findings;
        Assert.DoesNotContain(outside, x => x.Rule == "AksUpgradeOutsidePeakWindow");
    }

    [Fact]
    public void AutoscaledPoolCountFromLiveIsCaught()
    {
        // A creation count below minCount, and a count Pulumi would send from the plan instead of the live one.
        var below = Baseline.Mutate("platform-app-pool", i => i.With("count", Baseline.Int("platform-app-pool", "minCount")!.Value - 1));
        var f = Single(Judge(De, below), "AutoscaledPoolCountFromLive");
        Assert.Equal(("platform-app-pool", "count", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("outside [minCount", f.Message, StringComparison.Ordinal);
        var planned = Baseline with
        {
            Resources = [.. Baseline.Resources.Select(r => r.Name == "platform-app-pool" ? r with { Options = r.Options with { IgnoreChanges = [] } } : r)],
        };
        Assert.Contains("not under ignoreChanges", Single(Judge(De, planned), "AutoscaledPoolCountFromLive").Message, StringComparison.Ordinal);
        // A switch whose new maxCount is below the old minCount: the live count in the low-traffic window is above the new bounds.
        var weihnachten = StackPlanner.Build(De, Season.Weihnachten);
        var oldMin = weihnachten.Int("platform-app-pool", "minCount")!.Value;
        var tooLow = Baseline.Mutate("platform-app-pool", i => i.With("maxCount", oldMin - 1).With("minCount", oldMin - 1).With("count", oldMin - 1));
        var s = Single(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), weihnachten, tooLow, Season.Baseline).Findings, "AutoscaledPoolCountFromLive");
        Assert.Equal("maxCount", s.Property);
        // The real switches keep it: baseline → weihnachten raises minCount above the baseline count, which AKS allows.
        Assert.True(oldMin > Baseline.Int("platform-app-pool", "count"));
        Assert.DoesNotContain(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), Baseline, weihnachten, Season.Weihnachten).Findings,
            x => x.Rule == "AutoscaledPoolCountFromLive");
    }

    [Fact]
    public void EgressSurvivesZoneLossIsCaught()
    {
        // The committed plan sends egress from network-egress-ip, in all three zones of the primary region.
        Assert.Equal(["1", "2", "3"], ((PlanList)Baseline.Input("network-egress-ip", "zones")!).Items.Select(z => ((PlanString)z).Value));
        Assert.DoesNotContain(Judge(De, Baseline), f => f.Rule == "EgressSurvivesZoneLoss");
        // A zonal egress IP: one zone's loss takes the cluster's outbound path with it.
        var zonal = Baseline.Mutate("network-egress-ip", i => i.With("zones", PlanValue.List("1")));
        var f = Single(Judge(De, zonal), "EgressSurvivesZoneLoss");
        Assert.Equal(("network-egress-ip", "zones", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("must be in every zone of germanywestcentral ([1, 2, 3])", f.Message, StringComparison.Ordinal);
        // The NAT gateway path the stacks had before: a Standard NAT gateway is zonal.
        var nat = Baseline.Mutate("platform-cluster", i => Set(i, "networkProfile.outboundType", "userAssignedNATGateway"));
        var g = Single(Judge(De, nat), "EgressSurvivesZoneLoss");
        Assert.Equal(("platform-cluster", "networkProfile.outboundType"), (g.Resource, g.Property));
        Assert.Contains("a Standard NAT gateway lives in one zone", g.Message, StringComparison.Ordinal);
        // An unprotected egress address: a replaced IP is a new address partners have not allow-listed.
        var unprotected = Baseline with
        {
            Resources = [.. Baseline.Resources.Select(r => r.Name == "network-egress-ip" ? r with { Options = r.Options with { Protect = false } } : r)],
        };
        Assert.Equal("protect", Single(Judge(De, unprotected), "EgressSurvivesZoneLoss").Property);
        // AKS-managed outbound IPs (none of the plan's): an address nobody can allow-list before it exists.
        var managed = Baseline.Mutate("platform-cluster", i => Set(i, "networkProfile.loadBalancerProfile.outboundIPs.publicIPs", new PlanList([])));
        Assert.Contains("names no public IP of the plan", Single(Judge(De, managed), "EgressSurvivesZoneLoss").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EgressSnatPortsCoverNodesIsCaught()
    {
        // 2,048 ports per node and one IP carry 31 nodes; de-prod at Weihnachten reaches 11 app + 3 system + 2 surge = 16.
        var weihnachten = StackPlanner.Build(De, Season.Weihnachten);
        Assert.Equal(16, FreshFoodz.Components.Network.Egress.MostNodes(weihnachten, weihnachten.Resource("platform-cluster")));
        Assert.DoesNotContain(Judge(De, weihnachten), f => f.Rule == "EgressSnatPortsCoverNodes");
        // 8,000 ports per node: 16 nodes need 128,000 ports, one IP has 64,000.
        var greedy = weihnachten.Mutate("platform-cluster", i => Set(i, "networkProfile.loadBalancerProfile.allocatedOutboundPorts", 8000));
        var f = Single(Judge(De, greedy), "EgressSnatPortsCoverNodes");
        Assert.Equal(("platform-cluster", "networkProfile.loadBalancerProfile.allocatedOutboundPorts", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.StartsWith("'networkProfile.loadBalancerProfile.allocatedOutboundPorts' 8000 ports × 16 nodes (pools at their maximum plus surge) = 128,000 > 64,000 × 1 outbound IP(s)",
            Single(DeploymentRuleCatalog.JudgePlan(new RuleContext(De, FirstDeployment), greedy, Season.Weihnachten).Refusals(), "EgressSnatPortsCoverNodes").Message, StringComparison.Ordinal);
        // AKS's automatic allocation (0) and a value that is not a multiple of 8.
        Assert.Contains("explicit multiple of 8", Single(Judge(De, Baseline.Mutate("platform-cluster", i => Set(i, "networkProfile.loadBalancerProfile.allocatedOutboundPorts", 0))), "EgressSnatPortsCoverNodes").Message, StringComparison.Ordinal);
        Assert.Single(Judge(De, Baseline.Mutate("platform-cluster", i => Set(i, "networkProfile.loadBalancerProfile.allocatedOutboundPorts", 1000 + 4))), x => x.Rule == "EgressSnatPortsCoverNodes");
        // A switch that changes the ports per node re-allocates every node's flows.
        var changed = weihnachten.Mutate("platform-cluster", i => Set(i, "networkProfile.loadBalancerProfile.allocatedOutboundPorts", 1024));
        var s = Single(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), Baseline, changed, Season.Weihnachten).Findings, "EgressSnatPortsCoverNodes");
        Assert.Contains("changes from 2048 to 1024 ports per node", s.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// count is under ignoreChanges: without a refresh an update would send the count stored at creation. The project
    /// file makes every up and preview refresh first, whoever runs it (pulumi/pulumi#8071; the project schema,
    /// sdk/go/common/workspace/project.json: options.refresh, const "always"), and the seasons workflow is one plain
    /// pulumi up per stack: the program decides the step (no --target, no window arithmetic in shell).
    /// </summary>
    [Fact]
    public void EveryUpRefreshesFirstWhoeverRunsIt()
    {
        var project = new YamlDotNet.RepresentationModel.YamlStream();
        project.Load(new StringReader(File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.yaml"))));
        var options = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)project.Documents[0].RootNode).Children["options"];
        Assert.Equal("always", options.Children["refresh"].ToString());
        // Every workflow's up runs through .github/scripts/up.sh (tests/FreshFoodz.Pipeline.Tests hold them to it).
        var script = File.ReadAllLines(Path.Combine(ProjectFiles.Root, ".github", "scripts", "up.sh"));
        var up = Assert.Single(script, l => l.TrimStart().StartsWith("pulumi up ", StringComparison.Ordinal));
        Assert.DoesNotContain("--target", up, StringComparison.Ordinal);
        var workflow = File.ReadAllLines(Path.Combine(ProjectFiles.Root, ".github", "workflows", "seasons.yml"));
        Assert.DoesNotContain(workflow, l => l.Contains("lowTrafficWindow", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'));
        Assert.DoesNotContain(workflow, l => l.Contains("|| echo", StringComparison.Ordinal));
    }

    [Fact]
    public void StaticParametersNotPlannedIsCaught()
    {
        var withMaxConnections = Baseline.Mutate("data-critical-pgbouncer", i => Set(Set(i, "configurationName", "max_connections"), "value", "1718"));
        var f = Single(Judge(De, withMaxConnections), "StaticParametersNotPlanned");
        Assert.Equal(("data-critical-pgbouncer", "configurationName"), (f.Resource, f.Property));
    }

    [Fact]
    public void ReplicaComputeAtLeastPrimaryIsCaught()
    {
        var weihnachten = StackPlanner.Build(De, Season.Weihnachten);
        var primarySku = weihnachten.Text("data-critical-server", "sku.name");
        // A replica kept at the baseline SKU while its primary grows.
        var small = weihnachten.Mutate("data-critical-replica", i => Set(i, "sku.name", Baseline.Text("data-critical-replica", "sku.name")!));
        Assert.NotEqual(primarySku, Baseline.Text("data-critical-replica", "sku.name"));
        Assert.Equal(RuleLevel.Refuse, Single(Judge(De, small), "ReplicaComputeAtLeastPrimary", "data-critical-replica").Level);
        // One update that scales the primary and its replica up together: if the primary lands first (Pulumi's order), or
        // the update stops between the two, the replica is the smaller. Refused, as the switch before the stepper made it.
        var oneStep = DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), Baseline, weihnachten, Season.Weihnachten).Findings;
        Assert.Contains(oneStep, f => f.Rule == "ReplicaComputeAtLeastPrimary" && f.Message.Contains("if the primary's change lands first", StringComparison.Ordinal));
        // And one that scales both down: the replica's change may land first.
        var down = DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), weihnachten, Baseline, Season.Baseline).Findings;
        Assert.Contains(down, f => f.Rule == "ReplicaComputeAtLeastPrimary" && f.Message.Contains("if the replica's change lands first", StringComparison.Ordinal));
        // The steps keep it: the replica first (to the primary's new SKU), then the primary.
        var replicasFirst = StackPlanner.Build(De, new CapacityGroups(Season.Weihnachten, Season.Baseline, Season.Weihnachten));
        foreach (var (from, to) in new[] { (Baseline, replicasFirst), (replicasFirst, weihnachten), (weihnachten, replicasFirst), (replicasFirst, Baseline) })
        {
            Assert.DoesNotContain(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), from, to, Season.Weihnachten).Findings, f => f.Rule == "ReplicaComputeAtLeastPrimary");
        }
    }

    [Fact]
    public void KedaTriggersNeedNoTargetIsCaught()
    {
        // The committed plans scale on the load per pod; a cpu trigger (the Deployment does not exist at the first up) is refused.
        Assert.DoesNotContain(Judge(De, Baseline), f => f.Rule == "KedaTriggersNeedNoTarget");
        const string Scaler = "workloads-sales-order-api-scaler";
        var cpu = Baseline.Mutate(Scaler, i => Set(i, "spec.triggers", PlanValue.List(
            new Props { ["type"] = "cpu", ["metricType"] = "Utilization", ["metadata"] = new Props { ["value"] = "70" } }.Build())));
        var f = Single(Judge(De, cpu), "KedaTriggersNeedNoTarget");
        Assert.Equal((Scaler, "spec.triggers[0].type", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("while order-api does not exist", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChaosExperimentCreatedPausedIsCaught()
    {
        // The rehearsal plans the experiments paused, the annotation left to people after creation.
        var rehearsal = Plans.Settings("peak-weihnachten");
        var plan = StackPlanner.Build(rehearsal, Season.Weihnachten);
        Assert.Equal(4, plan.Resources.Count(r => r.Type.StartsWith("kubernetes:chaos-mesh.org/", StringComparison.Ordinal)));
        Assert.DoesNotContain(Judge(rehearsal, plan), f => f.Rule == "ChaosExperimentCreatedPaused");
        const string Experiment = "chaos-database-delay";
        const string Path = "metadata.annotations[\"experiment.chaos-mesh.org/pause\"]";
        // Without ignoreChanges, the next refreshing up would pause a resumed experiment again.
        var managed = plan with
        {
            Resources = [.. plan.Resources.Select(r => r.Name == Experiment ? r with { Options = r.Options with { IgnoreChanges = [] } } : r)],
        };
        var f = Single(Judge(rehearsal, managed), "ChaosExperimentCreatedPaused");
        Assert.Equal((Experiment, Path, RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("would pause a resumed experiment again", f.Message, StringComparison.Ordinal);
        // Created running: Chaos Mesh starts it at once.
        var running = plan.Mutate(Experiment, i => Set(i, "metadata.annotations", PlanMap.Empty));
        Assert.Contains("is not set: Chaos Mesh would start the experiment as soon as it is created", Single(Judge(rehearsal, running), "ChaosExperimentCreatedPaused").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicaParametersAtLeastPrimaryIsCaught()
    {
        // max_connections raised on the primary only: the replica keeps the value copied at its creation.
        var primaryOnly = Baseline.Mutate("data-critical-pgbouncer", i => Set(Set(i, "configurationName", "max_connections"), "value", "5000"));
        var f = Single(Judge(De, primaryOnly), "ReplicaParametersAtLeastPrimary");
        Assert.Equal(("data-critical-replica", "max_connections"), (f.Resource, f.Property));
    }

    [Fact]
    public void ReplicaKeepsPgBouncerIsCaught()
    {
        var off = Baseline.Mutate("data-high-replica-pgbouncer", i => Set(i, "value", "false"));
        var f = Single(Judge(De, off), "ReplicaKeepsPgBouncer");
        Assert.Equal(("data-high-replica", "pgbouncer.enabled"), (f.Resource, f.Property));
    }

    [Fact]
    public void PostgresEntraAuthHasAdministratorIsCaught()
    {
        // No tenant on the server, and no administrator for it.
        var noTenant = Baseline.Mutate("data-critical-server", i => Set(i, "authConfig.tenantId", ""));
        var f = Single(Judge(De, noTenant), "PostgresEntraAuthHasAdministrator");
        Assert.Equal(("data-critical-server", "authConfig.tenantId", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        var noAdmin = Baseline with { Resources = [.. Baseline.Resources.Where(r => r.Name != "data-high-entra-admin")] };
        var g = Single(Judge(De, noAdmin), "PostgresEntraAuthHasAdministrator");
        Assert.Equal(("data-high-server", "authConfig.activeDirectoryAuth"), (g.Resource, g.Property));
        Assert.Contains("freshfoodz:databaseAdmin", g.Message, StringComparison.Ordinal);
        // Password-only servers need none; replicas take the administrator's role from their primary.
        var passwordOnly = noAdmin.Mutate("data-high-server", i => Set(i, "authConfig.activeDirectoryAuth", "Disabled"));
        Assert.DoesNotContain(Judge(De, passwordOnly), x => x.Rule == "PostgresEntraAuthHasAdministrator");
    }

    [Fact]
    public void PostgresCreateModeNeverChangesIsCaught()
    {
        // Every real switch keeps Create on the primaries and Replica on the replicas.
        var weihnachten = StackPlanner.Build(De, Season.Weihnachten);
        Assert.DoesNotContain(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), Baseline, weihnachten, Season.Weihnachten).Findings,
            f => f.Rule == "PostgresCreateModeNeverChanges");
        // An update that switches the primary to Update (as for a major version upgrade) is refused.
        var update = weihnachten.Mutate("data-critical-server", i => Set(i, "createMode", "Update"));
        var f = Single(DeploymentRuleCatalog.JudgeUpdate(new RuleContext(De, null), Baseline, update, Season.Weihnachten).Findings, "PostgresCreateModeNeverChanges");
        Assert.Equal(("data-critical-server", "createMode", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("from Create to Update", f.Message, StringComparison.Ordinal);
    }

    private static readonly StackSettings DeDrill = Plans.SettingsWith("de-prod",
        ("freshfoodz:environment: production", "freshfoodz:environment: production\n  freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [critical, standard]}"));

    [Fact]
    public void PostgresRestoreTargetIsCaught()
    {
        var drill = StackPlanner.Build(DeDrill, Season.Baseline);
        Assert.DoesNotContain(Judge(DeDrill, drill), f => f.Rule == "PostgresRestoreTarget");
        // A point-in-time restore in another region than its source's.
        var moved = drill.Mutate("restore-drill-critical-pitr-server", i => i.With("location", "germanynorth"));
        var m = Single(Judge(DeDrill, moved), "PostgresRestoreTarget");
        Assert.Equal(("restore-drill-critical-pitr-server", "location", RuleLevel.Refuse), (m.Resource, m.Property, m.Level));
        // A geo-restore in the source's own region, into the source's own subnet.
        var home = drill.Mutate("restore-drill-standard-geo-server", i => Set(i.With("location", "germanywestcentral"), "network.delegatedSubnetResourceId",
            drill.Resource("data-standard-server").Inputs.At("network.delegatedSubnetResourceId")!));
        var geo = Judge(DeDrill, home).Where(f => f.Rule == "PostgresRestoreTarget").ToList();
        Assert.Equal(["location", "network.delegatedSubnetResourceId"], geo.Select(f => f.Property).Order(StringComparer.Ordinal));
        Assert.Contains("paired region of germanywestcentral, germanynorth", geo.Single(f => f.Property == "location").Message, StringComparison.Ordinal);
        // A geo-restore of a source without geo-redundant backup; a restore with a size of its own; one without its point.
        var noGeoBackup = drill.Mutate("data-standard-server", i => Set(i, "backup.geoRedundantBackup", "Disabled"));
        Assert.Equal("createMode", Single(Judge(DeDrill, noGeoBackup), "PostgresRestoreTarget").Property);
        var sized = drill.Mutate("restore-drill-critical-pitr-server", i => Set(i, "sku.name", "Standard_D2ds_v5"));
        Assert.Equal("sku", Single(Judge(DeDrill, sized), "PostgresRestoreTarget").Property);
        var pointless = drill.Mutate("restore-drill-critical-pitr-server", i => i.With("pointInTimeUTC", "yesterday"));
        Assert.Equal("pointInTimeUTC", Single(Judge(DeDrill, pointless), "PostgresRestoreTarget").Property);
        // A private source restored to public access.
        var exposed = drill.Mutate("restore-drill-critical-pitr-server", i => i.With("network", new Props { ["publicNetworkAccess"] = "Enabled" }.Build()));
        Assert.Equal("network", Single(Judge(DeDrill, exposed), "PostgresRestoreTarget").Property);
    }

    [Fact]
    public void PostgresRestorePointRestorableIsCaught()
    {
        var drill = StackPlanner.Build(DeDrill, Season.Baseline);
        // On its day the drill can run; the day before, its restore point has no backup yet.
        Assert.DoesNotContain(Judge(DeDrill, drill, new DateOnly(2027, 3, 2)), f => f.Rule == "PostgresRestorePointRestorable");
        var early = Judge(DeDrill, drill, new DateOnly(2027, 3, 1)).Where(f => f.Rule == "PostgresRestorePointRestorable").ToList();
        Assert.Equal(3, early.Count);
        Assert.All(early, f => Assert.Equal(("pointInTimeUTC", RuleLevel.Refuse), (f.Property, f.Level)));
        Assert.Contains("run the drill on or after 2027-03-02", early[0].Message, StringComparison.Ordinal);
        // Left in place past the standard tier's 7 days of backups: a warning to remove it, not a refusal.
        var late = Judge(DeDrill, drill, new DateOnly(2027, 3, 10)).Where(f => f.Rule == "PostgresRestorePointRestorable").ToList();
        Assert.Equal(["restore-drill-standard-geo-server", "restore-drill-standard-pitr-server"], late.Select(f => f.Resource).Order(StringComparer.Ordinal));
        Assert.All(late, f => Assert.Equal(RuleLevel.Warn, f.Level));
        Assert.Contains("remove freshfoodz:restoreDrill", late[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresStorageIsAFloorIsCaught()
    {
        // Every server grows its storage automatically, and none sends the planned size after creation.
        Assert.All(Baseline.OfType("azure-native:dbforpostgresql:Server"), s =>
            Assert.Equal(("Enabled", true), ((s.Inputs.At("storage.autoGrow") as PlanString)?.Value, s.Options.IgnoreChanges.Contains("storage.storageSizeGB"))));
        Assert.DoesNotContain(Judge(De, Baseline), f => f.Rule == "PostgresStorageIsAFloor");
        // The critical replica sending its planned 512 GB with every update: refused once autogrow has raised it.
        var sent = Baseline with
        {
            Resources = [.. Baseline.Resources.Select(r => r.Name == "data-critical-replica" ? r with { Options = r.Options with { IgnoreChanges = [] } } : r)],
        };
        var f = Single(Judge(De, sent), "PostgresStorageIsAFloor");
        Assert.Equal(("data-critical-replica", "storage.storageSizeGB", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("past the planned 512 GB", f.Message, StringComparison.Ordinal);
        // Without autogrow the planned size is the size, and sending it is right.
        var fixedSize = sent.Mutate("data-critical-replica", i => Set(i, "storage.autoGrow", "Disabled"));
        Assert.DoesNotContain(Judge(De, fixedSize), x => x.Rule == "PostgresStorageIsAFloor");
    }

    [Fact]
    public void PostgresReplicaStorageMatchesPrimaryIsCaught()
    {
        Assert.DoesNotContain(Judge(De, Baseline), f => f.Rule == "PostgresReplicaStorageMatchesPrimary");
        // A replica created smaller than its primary: no switchover, and the primary already exceeds it.
        var smaller = Baseline.Mutate("data-critical-replica", i => Set(i, "storage.storageSizeGB", 256));
        var f = Single(Judge(De, smaller), "PostgresReplicaStorageMatchesPrimary");
        Assert.Equal(("data-critical-replica", "storage.storageSizeGB", RuleLevel.Refuse), (f.Resource, f.Property, f.Level));
        Assert.Contains("is 256 GB, not its primary's 512 GB", f.Message, StringComparison.Ordinal);
        // A replica that does not grow while its primary does.
        var fixedReplica = Baseline.Mutate("data-high-replica", i => Set(i, "storage.autoGrow", "Disabled"));
        var g = Single(Judge(De, fixedReplica), "PostgresReplicaStorageMatchesPrimary");
        Assert.Equal(("data-high-replica", "storage.autoGrow"), (g.Resource, g.Property));
        // The other way round is allowed: a replica may grow on its own.
        var fixedPrimary = Baseline.Mutate("data-high-server", i => Set(i, "storage.autoGrow", "Disabled"));
        Assert.DoesNotContain(Judge(De, fixedPrimary), x => x.Rule == "PostgresReplicaStorageMatchesPrimary");
    }

    [Fact]
    public void OneOperationPerServerIsCaught()
    {
        // The database no longer waits for PgBouncer's configuration: two operations on the server at once.
        var parallel = Baseline with
        {
            Resources = [.. Baseline.Resources.Select(r => r.Name == "data-critical-database" ? r with { Options = r.Options with { DependsOn = [] } } : r)],
        };
        // Now unordered against PgBouncer's configuration and the Entra administrator before it: the database, the
        // replica creation that waits for the database, and the writer endpoint that waits for the replica (3 × 2 pairs
        // on data-critical-server).
        var findings = Judge(De, parallel).Where(f => f.Rule == "OneOperationPerServer").ToList();
        Assert.Equal(6, findings.Count);
        Assert.All(findings, f => Assert.Equal("dependsOn", f.Property));
        Assert.All(findings, f => Assert.Contains("changes data-critical-server with nothing ordering it against", f.Message, StringComparison.Ordinal));
        var named = findings.SelectMany(f => new[] { f.Resource, System.Text.RegularExpressions.Regex.Match(f.Message, @"against (\S+)").Groups[1].Value }).ToHashSet();
        Assert.Equal(["data-critical-database", "data-critical-entra-admin", "data-critical-pgbouncer", "data-critical-replica", "data-critical-writer-endpoint"], named.Order(StringComparer.Ordinal));
    }

    private static StackPlan WithVersion(string version) => Baseline.Mutate("platform-cluster", i => i.With("kubernetesVersion", version));

    private static List<RuleFinding> Judge(StackSettings settings, StackPlan plan, DateOnly? date = null) =>
        DeploymentRuleCatalog.JudgePlan(new RuleContext(settings, date ?? FirstDeployment), plan, Season.Baseline).Findings.ToList();

    private static PolicyViolation Single(IEnumerable<PolicyViolation> violations, string rule) => Assert.Single(violations, v => v.Rule == rule);

    private static RuleFinding Single(IEnumerable<RuleFinding> findings, string rule, string? resource = null) =>
        Assert.Single(findings, f => f.Rule == rule && (resource is null || f.Resource == resource));

    /// <summary>Sets a dotted path inside a resource's inputs.</summary>
    private static PlanMap Set(PlanMap inputs, string path, PlanValue value)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0
            ? inputs.With(path, value)
            : inputs.With(path[..dot], Set(inputs[path[..dot]] as PlanMap ?? PlanMap.Empty, path[(dot + 1)..], value));
    }
}
