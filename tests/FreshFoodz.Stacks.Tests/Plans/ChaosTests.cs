using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>The Chaos Mesh experiments: only on the rehearsal stack, each aimed at what its drill is about.</summary>
public class ChaosTests
{
    private static readonly StackPlan Rehearsal = Plans.Of("peak-weihnachten", Season.Weihnachten);

    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public void ProductionPlansHoldNoChaos(string stack)
    {
        foreach (var season in SeasonNames.All)
        {
            var plan = Plans.Of(stack, season);
            Assert.DoesNotContain(plan.Resources, r => r.Type.Contains("chaos-mesh", StringComparison.Ordinal) || r.Name.StartsWith("chaos-", StringComparison.Ordinal));
            Assert.DoesNotContain(plan.Components, c => c.Type == ChaosExperiments.Type);
        }
    }

    [Fact]
    public void RehearsalPlansTheMeshAndFourPausedExperiments()
    {
        Assert.Contains(Rehearsal.Components, c => c.Type == "freshfoodz:chaos:ChaosExperiments" && c.Name == "chaos");
        var chaos = Rehearsal.Resources.Where(r => r.Options.Parent == "chaos").Select(r => (r.Name, r.Type)).Order().ToList();
        Assert.Equal(
        [
            ("chaos-api-pod-kill", "kubernetes:chaos-mesh.org/v1alpha1:PodChaos"),
            ("chaos-database-delay", "kubernetes:chaos-mesh.org/v1alpha1:NetworkChaos"),
            ("chaos-mesh", "kubernetes:helm.sh/v3:Release"),
            ("chaos-node-cpu-stress", "kubernetes:chaos-mesh.org/v1alpha1:StressChaos"),
            ("chaos-territory-isolation", "kubernetes:chaos-mesh.org/v1alpha1:NetworkChaos"),
        ], chaos);
        foreach (var (name, type) in chaos.Where(c => c.Type.Contains("chaos-mesh.org", StringComparison.Ordinal)))
        {
            Assert.Equal("chaos-mesh.org/v1alpha1", Rehearsal.Text(name, "apiVersion"));
            Assert.Equal(type[(type.LastIndexOf(':') + 1)..], Rehearsal.Text(name, "kind"));
            Assert.Equal("chaos-mesh", Rehearsal.Text(name, "metadata.namespace"));
            // Created paused: a created experiment would start at once, during pulumi up.
            Assert.Equal(new PlanString("true"), ((PlanMap)Rehearsal.Input(name, "metadata.annotations")!)["experiment.chaos-mesh.org/pause"]);
            Assert.Equal<string>(["chaos-mesh"], Rehearsal.Resource(name).Options.DependsOn);
        }
    }

    [Fact]
    public void MeshIsThePinnedChartOnContainerd()
    {
        Assert.Equal("chaos-mesh", Rehearsal.Text("chaos-mesh", "chart"));
        Assert.Equal("2.8.2", Rehearsal.Text("chaos-mesh", "version"));
        Assert.Equal("https://charts.chaos-mesh.org", Rehearsal.Text("chaos-mesh", "repositoryOpts.repo"));
        Assert.Equal("containerd", Rehearsal.Text("chaos-mesh", "values.chaosDaemon.runtime"));
        Assert.Equal("/run/containerd/containerd.sock", Rehearsal.Text("chaos-mesh", "values.chaosDaemon.socketPath"));
    }

    [Fact]
    public void PodKillSelectsTheApiDeploymentsByThePdbsLabel()
    {
        Assert.Equal("pod-kill", Rehearsal.Text("chaos-api-pod-kill", "spec.action"));
        Assert.Equal("one", Rehearsal.Text("chaos-api-pod-kill", "spec.mode"));
        // The api deployments of Pulumi.peak-weihnachten.yaml's freshfoodz:modules, in the modules that have one, by name:
        // Pulumi hands object config over with sorted keys, so file order must not show in the plan.
        Assert.Equal(PlanValue.List("crm", "sales"), Rehearsal.Input("chaos-api-pod-kill", "spec.selector.namespaces"));
        var expression = (PlanMap)((PlanList)Rehearsal.Input("chaos-api-pod-kill", "spec.selector.expressionSelectors")!).Items.Single();
        Assert.Equal(new PlanString("app.kubernetes.io/name"), expression["key"]);
        Assert.Equal(new PlanString("In"), expression["operator"]);
        Assert.Equal(PlanValue.List("crm-api", "event-catering-api", "order-api", "sample-api"), expression["values"]);
        // The same label the PodDisruptionBudget selects.
        Assert.Equal(new PlanString("sample-api"), ((PlanMap)Rehearsal.Input("workloads-sales-sample-api-pdb", "spec.selector.matchLabels")!)["app.kubernetes.io/name"]);
    }

    [Fact]
    public void DatabaseDelayTargetsTheCriticalServersHost()
    {
        Assert.Equal("delay", Rehearsal.Text("chaos-database-delay", "spec.action"));
        Assert.Equal("to", Rehearsal.Text("chaos-database-delay", "spec.direction"));
        Assert.Equal("50ms", Rehearsal.Text("chaos-database-delay", "spec.delay.latency"));
        Assert.Equal(PlanValue.List(new PlanRef("data-critical-server", "fullyQualifiedDomainName")), Rehearsal.Input("chaos-database-delay", "spec.externalTargets"));
    }

    [Fact]
    public void CpuStressRunsInTheChaosDaemonOfOneAppNode()
    {
        Assert.Equal("one", Rehearsal.Text("chaos-node-cpu-stress", "spec.mode"));
        Assert.Equal(new PlanString("chaos-daemon"), ((PlanMap)Rehearsal.Input("chaos-node-cpu-stress", "spec.selector.labelSelectors")!)["app.kubernetes.io/component"]);
        // The app pool's node label (KubernetesPlatform) and its VM's vCPUs: Standard_D4ds_v5 has 4.
        Assert.Equal(new PlanString("apps"), ((PlanMap)Rehearsal.Input("chaos-node-cpu-stress", "spec.selector.nodeSelectors")!)["freshfoodz.io/pool"]);
        Assert.Equal(new PlanString("apps"), ((PlanMap)Rehearsal.Input("platform-app-pool", "nodeLabels")!)["freshfoodz.io/pool"]);
        Assert.Equal(4, Rehearsal.Int("chaos-node-cpu-stress", "spec.stressors.cpu.workers"));
        Assert.Equal(80, Rehearsal.Int("chaos-node-cpu-stress", "spec.stressors.cpu.load"));
    }

    [Fact]
    public void IsolationDrillCutsTheReplicasWhereThereAreAny()
    {
        // The rehearsal keeps no replica: the drill cuts the critical primary (ChaosExperiments explains why).
        Assert.Equal("partition", Rehearsal.Text("chaos-territory-isolation", "spec.action"));
        Assert.Equal(PlanValue.List(new PlanRef("data-critical-server", "fullyQualifiedDomainName")), Rehearsal.Input("chaos-territory-isolation", "spec.externalTargets"));
        Assert.Equal(PlanValue.List("crm", "help", "sales"), Rehearsal.Input("chaos-territory-isolation", "spec.selector.namespaces"));

        // The same rehearsal with replicas: the drill cuts both DR-region replicas, and no longer the primary.
        var withReplicas = StackPlanner.Plan(
            Plans.SettingsWith("peak-weihnachten", ("freshfoodz:crossRegionReplicas: false", "freshfoodz:crossRegionReplicas: true")), Season.Weihnachten);
        Assert.Equal(
            PlanValue.List(new PlanRef("data-critical-replica", "fullyQualifiedDomainName"), new PlanRef("data-high-replica", "fullyQualifiedDomainName")),
            withReplicas.Input("chaos-territory-isolation", "spec.externalTargets"));
    }

    [Fact]
    public void ChaosOnlyOnRehearsal()
    {
        var settings = Plans.Settings("peak-weihnachten");
        Assert.Empty(StackPolicies.ChaosOnlyOnRehearsal(Rehearsal, settings.Plan.Environment));
        // Mutation: the same plan judged as production is refused, each experiment named.
        // Everything the chaos components plan counts: Chaos Mesh's release and experiments, and the business chaos
        // scenarios with their identity (docs/recovery-drills.md).
        var violations = StackPolicies.ChaosOnlyOnRehearsal(Rehearsal, StackEnvironment.Production).ToList();
        Assert.Equal(
            ["chaos-api-pod-kill", "chaos-database-delay", "chaos-mesh", "chaos-node-cpu-stress", "chaos-scenarios-audit-federation",
             "chaos-scenarios-audit-identity", "chaos-scenarios-audit-overwrite", "chaos-scenarios-audit-service-account",
             "chaos-scenarios-audit-writes-container", "chaos-scenarios-lead-protection-corruption", "chaos-scenarios-pool-exhaustion",
             "chaos-territory-isolation"],
            violations.Select(v => v.Resource).Order(StringComparer.Ordinal));
        Assert.All(violations, v => Assert.Equal("ChaosOnlyOnRehearsal", v.Rule));
        // A chaos-labelled resource is refused wherever it came from.
        var labelled = Rehearsal.Mutate("canary-critical", i => i.With("metadata", new Props
        {
            ["name"] = "canary-critical",
            ["labels"] = new Props { ["freshfoodz.io/chaos"] = "true" },
        }.Build()));
        Assert.Contains(StackPolicies.ChaosOnlyOnRehearsal(labelled, StackEnvironment.Production), v => v.Resource == "canary-critical");
    }

    [Fact]
    public void ProductionStackThatEnablesChaosIsRefusedByValidation()
    {
        var e = Assert.Throws<StackSettingsException>(() => Plans.SettingsWith("de-prod", ("freshfoodz:environment: production", "freshfoodz:environment: production\n  freshfoodz:chaosExperiments: true")));
        var error = Assert.Single(e.Errors);
        Assert.Equal("freshfoodz:chaosExperiments", error.KeyPath);
        Assert.Equal("chaos experiments run only on a rehearsal stack (freshfoodz:environment: rehearsal, synthetic data only); this stack is production", error.Message);
    }

    [Fact]
    public void ChaosIsOffUnlessAStackEnablesIt()
    {
        Assert.False(Plans.Settings("de-prod").Plan.ChaosExperiments);
        Assert.True(Plans.Settings("peak-weihnachten").Plan.ChaosExperiments);
        var off = StackPlanner.Plan(Plans.SettingsWith("peak-weihnachten", ("freshfoodz:chaosExperiments: true", "freshfoodz:chaosExperiments: false")), Season.Weihnachten);
        Assert.DoesNotContain(off.Resources, r => r.Name.StartsWith("chaos-", StringComparison.Ordinal));
    }
}
