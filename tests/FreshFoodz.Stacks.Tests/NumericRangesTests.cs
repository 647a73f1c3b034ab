using System.Globalization;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests;

/// <summary>Every number a stack sets has a range (NumericRanges), and docs/configuration.md states each one.</summary>
public class NumericRangesTests
{
    /// <summary>Keys whose values look like numbers but are text (versions, a name).</summary>
    private static readonly string[] TextKeys = ["freshfoodz:databases.postgresVersion", "freshfoodz:kubernetesVersion"];

    [Fact]
    public void EveryNumberInTheStackFilesHasARange()
    {
        var numeric = new List<string>();
        foreach (var stack in ProjectFiles.Stacks)
        {
            var config = StackFileLoader.Load(ProjectFiles.Root, stack);
            foreach (var (key, node) in config.Values)
            {
                Collect(key, node, numeric);
            }
        }
        Assert.True(numeric.Count > 50, $"only {numeric.Count} numbers found");
        Assert.All(numeric.Where(p => !TextKeys.Contains(p)), path =>
            Assert.True(NumericRanges.All.Any(r => r.Matches(path)), $"{path} has no range in NumericRanges.All"));
        // And every range is used by a real stack file or is an optional key the stacks leave at its default.
        string[] optional = ["freshfoodz:leadTimeDays", "freshfoodz:burstHeadroom", "freshfoodz:utilization.*.app", "freshfoodz:utilization.*.workers", "freshfoodz:utilization.*.database", "freshfoodz:dailyLoad[*]"];
        Assert.All(NumericRanges.All.Where(r => !optional.Contains(r.Key)), r => Assert.Contains(numeric, r.Matches));
    }

    [Fact]
    public void EveryRangeIsDocumentedAsItIsChecked()
    {
        var doc = File.ReadAllText(Path.Combine(ProjectFiles.Root, "docs", "configuration.md"));
        Assert.All(NumericRanges.All, r => Assert.Contains($"| `{r.Key}` | {r.Text} |", doc, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("freshfoodz:workload.api.baselineRequestsPerSecond", 0.001, true)]
    [InlineData("freshfoodz:workload.api.baselineRequestsPerSecond", 0.0009, false)]
    [InlineData("freshfoodz:workload.api.baselineRequestsPerSecond", 100000, true)]
    [InlineData("freshfoodz:workload.api.baselineRequestsPerSecond", 100000.1, false)]
    [InlineData("freshfoodz:modules.sales.deployments.order-api.share", 0, false)]
    [InlineData("freshfoodz:modules.sales.deployments.order-api.share", 1, true)]
    [InlineData("freshfoodz:vmSizes.Standard.D4.memoryGiB", 16, true)]
    public void RangesBoundWhatTheySay(string path, double value, bool accepted) =>
        Assert.Equal(accepted, NumericRanges.For(path).Accepts(value));

    private static void Collect(string path, ConfigNode node, List<string> numeric)
    {
        switch (node)
        {
            case ConfigScalar s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                numeric.Add(path);
                break;
            case ConfigMap m:
                foreach (var (key, child) in m.Entries)
                {
                    Collect($"{path}.{key}", child, numeric);
                }
                break;
            default:
                break;
        }
    }
}
