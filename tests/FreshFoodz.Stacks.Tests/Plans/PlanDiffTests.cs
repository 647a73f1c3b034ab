using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>What a change shows as: the leaf that differs, lists walked item by item, replace triggers covering list items.</summary>
public class PlanDiffTests
{
    private static readonly StackPlan Plan = Plans.Of("de-prod", Season.Baseline);

    private static PlannedResource Resource(string type, Props inputs) => new(type, "r", inputs.Build(), new PlanOptions());

    private static Props Rules(params PlanValue[] exprs) => new()
    {
        ["spec"] = new Props
        {
            ["groups"] = PlanValue.List(new Props { ["name"] = "g", ["rules"] = PlanValue.List(exprs.Select(e => (PlanValue)new Props { ["expr"] = e })) }),
        },
    };

    [Fact]
    public void AChangedListItemShowsAsItsOwnPath()
    {
        var change = Assert.Single(PlanDiff.Changes(
            Resource("kubernetes:monitoring.coreos.com/v1:PrometheusRule", Rules("vector(1)", "up == 0")),
            Resource("kubernetes:monitoring.coreos.com/v1:PrometheusRule", Rules("vector(2)", "up == 0")), Plan));
        Assert.Equal(("spec.groups[0].rules[0].expr", (PlanValue)"vector(1)", (PlanValue)"vector(2)", ChangeKind.InPlace),
            (change.Path, change.From!, change.To!, change.Kind));
    }

    [Fact]
    public void AListThatGrewIsComparedWhole()
    {
        var change = Assert.Single(PlanDiff.Changes(
            Resource("kubernetes:monitoring.coreos.com/v1:PrometheusRule", Rules("vector(1)")),
            Resource("kubernetes:monitoring.coreos.com/v1:PrometheusRule", Rules("vector(1)", "up == 0")), Plan));
        Assert.Equal("spec.groups[0].rules", change.Path);
        Assert.IsType<PlanList>(change.To);
    }

    [Fact]
    public void AReplaceTriggerCoversTheItemsOfItsList()
    {
        // A Job's pod template is immutable (spec.template): a container image inside its list replaces the Job.
        static Props Job(string image) => new()
        {
            ["spec"] = new Props { ["template"] = new Props { ["spec"] = new Props { ["containers"] = PlanValue.List(new Props { ["name"] = "verify", ["image"] = image }) } } },
        };
        var job = Assert.Single(PlanDiff.Changes(Resource("kubernetes:batch/v1:Job", Job("a:1")), Resource("kubernetes:batch/v1:Job", Job("a:2")), Plan));
        Assert.Equal(("spec.template.spec.containers[0].image", ChangeKind.Replace, "spec.template"), (job.Path, job.Kind, job.Trigger?.Path));

        // AKS service CIDRs are ForceNew as a list: one changed item replaces the cluster.
        static Props Cluster(string cidr) => new() { ["networkProfile"] = new Props { ["serviceCidrs"] = PlanValue.List(cidr) } };
        var cluster = Assert.Single(PlanDiff.Changes(
            Resource("azure-native:containerservice:ManagedCluster", Cluster("10.0.0.0/16")),
            Resource("azure-native:containerservice:ManagedCluster", Cluster("10.1.0.0/16")), Plan));
        Assert.Equal(("networkProfile.serviceCidrs[0]", ChangeKind.Replace), (cluster.Path, cluster.Kind));
    }

    [Theory]
    [InlineData("spec.template", "spec.template", true)]
    [InlineData("spec.template", "spec.template.spec.containers[0].image", true)]
    [InlineData("networkProfile.serviceCidrs", "networkProfile.serviceCidrs[1]", true)]
    [InlineData("spec.template", "spec.templateVersion", false)]
    [InlineData("spec.selector", "spec.selectors[0]", false)]
    public void ATriggerCoversItselfAndWhatIsBelowIt(string trigger, string path, bool covered) =>
        Assert.Equal(covered, ReplaceTriggers.Covers(trigger, path));
}
