using System.Text.RegularExpressions;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks;

namespace FreshFoodz.Switching.Tests;

/// <summary>
/// What a switch touches: only the capacity-bearing resources (the season is no tag any more). The figures in
/// docs/seasonal-operations.md ("What a switch touches") are computed here: after, the resources some step of the
/// switch changes (<see cref="SwitchSteps"/>, what <c>freshfoodz diff</c> counts); before, the same plus every resource
/// that carried the season tag and so changed with each switch.
/// </summary>
public partial class FootprintTests
{
    public static TheoryData<string, string, string> Switches()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var stack in Stacks.All)
        {
            data.Add(stack, "baseline", "weihnachten");
            data.Add(stack, "weihnachten", "baseline");
        }
        return data;
    }

    private static (int Steps, int After, int Total, int Before, int TagOnly) Figures(string stack, Season from, Season to)
    {
        var context = Stacks.Context(stack);
        var steps = SwitchSteps.Between(context, CapacityGroups.All(from), to, null);
        var touched = SwitchSteps.Touched(steps);
        var plan = context.SeasonPlans[to];
        var tagged = plan.Resources.Where(r => r.Inputs["tags"] is not null).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        return (steps.Count, touched.Count, plan.Resources.Length, touched.Union(tagged).Count(), tagged.Except(touched).Count());
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void TheDocumentedFiguresAreTheComputedOnes(string stack, string from, string to)
    {
        var (steps, after, total, before, tagOnly) = Figures(stack, Parse(from), Parse(to));
        var doc = File.ReadAllText(Path.Combine(Stacks.Root, "docs", "seasonal-operations.md"));
        var row = doc.Split('\n').SingleOrDefault(l => l.StartsWith($"| {stack} | {from} → {to} |", StringComparison.Ordinal));
        var expected = $"| {stack} | {from} → {to} | {steps} | {steps + 1} | {after} of {total} | {before} of {total} ({tagOnly} only the season tag) |";
        Assert.True(row == expected, $"docs/seasonal-operations.md: expected the row\n{expected}\ngot\n{row}");
        // Everything a switch touches is capacity: the app pool, ScaledObjects, quotas, season ConfigMaps, thresholds, servers.
        Assert.All(SwitchSteps.Touched(SwitchSteps.Between(Stacks.Context(stack), CapacityGroups.All(Parse(from)), Parse(to), null)),
            r => Assert.Matches(Capacity(), r));
    }

    private static Season Parse(string name) => SeasonNames.All.Single(s => s.ConfigName() == name);

    [GeneratedRegex("^(platform-app-pool|workloads-.+-(scaler|quota|season)|monitoring-rules-.+|data-.+-(server|replica))$")]
    private static partial Regex Capacity();
}
