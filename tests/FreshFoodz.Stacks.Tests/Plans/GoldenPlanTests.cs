using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>
/// The full plan of every stack × season as reviewed JSON under Golden/. A change to a plan shows up as a diff a
/// person reads in review. On a mismatch the test writes &lt;name&gt;.actual.json beside the golden file; accept
/// intended changes with:
/// <code>UPDATE_GOLDEN=1 dotnet test tests/FreshFoodz.Stacks.Tests --filter FullyQualifiedName~GoldenPlanTests</code>
/// </summary>
public class GoldenPlanTests
{
    private static readonly string Folder = Path.Combine(ProjectFiles.Root, "tests", "FreshFoodz.Stacks.Tests", "Golden");

    public static TheoryData<string, string> StackSeasons()
    {
        var data = new TheoryData<string, string>();
        foreach (var stack in ProjectFiles.Stacks)
        {
            foreach (var season in SeasonNames.All)
            {
                data.Add(stack, season.ConfigName());
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StackSeasons))]
    public void PlanMatchesItsGoldenFile(string stack, string season)
    {
        var actual = PlanJson.Serialize(Plans.Of(stack, SeasonNames.All.Single(s => s.ConfigName() == season)));
        var golden = Path.Combine(Folder, $"{stack}.{season}.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(golden, actual);
        }
        Assert.True(File.Exists(golden), $"{golden} is missing; create it with UPDATE_GOLDEN=1 (see the class comment)");
        var expected = File.ReadAllText(golden);
        var actualFile = Path.ChangeExtension(golden, ".actual.json");
        if (expected != actual)
        {
            File.WriteAllText(actualFile, actual);
        }
        else if (File.Exists(actualFile))
        {
            File.Delete(actualFile);
        }
        Assert.True(expected == actual,
            $"the plan of {stack} ({season}) differs from {golden}; compare with {actualFile} and, if intended, rerun with UPDATE_GOLDEN=1");
    }

    [Theory]
    [MemberData(nameof(StackSeasons))]
    public void PlanJsonRoundTrips(string stack, string season)
    {
        var plan = Plans.Of(stack, SeasonNames.All.Single(s => s.ConfigName() == season));
        var json = PlanJson.Serialize(plan);
        var back = PlanJson.Deserialize(json);
        Assert.Equal(json, PlanJson.Serialize(back));
        Assert.Equal<PlannedResource>(plan.Resources, back.Resources);
        Assert.Equal<PlannedProvider>(plan.Providers, back.Providers);
        Assert.Equal(plan.Outputs, back.Outputs);
    }

    [Fact]
    public void PlanningIsDeterministic()
    {
        var a = PlanJson.Serialize(Plans.Of("ch-prod", Season.Oktoberfest));
        var b = PlanJson.Serialize(Plans.Of("ch-prod", Season.Oktoberfest));
        Assert.Equal(a, b);
    }

    [Fact]
    public void PlanJsonKeysAreSorted()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(PlanJson.Serialize(Plans.Of("de-prod", Season.Baseline)))!;
        foreach (var o in Descend(json).OfType<System.Text.Json.Nodes.JsonObject>())
        {
            var keys = o.Select(kv => kv.Key).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Descend(System.Text.Json.Nodes.JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            System.Text.Json.Nodes.JsonObject o => o.Select(kv => kv.Value),
            System.Text.Json.Nodes.JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<System.Text.Json.Nodes.JsonNode>())
        {
            foreach (var d in Descend(child))
            {
                yield return d;
            }
        }
    }
}
