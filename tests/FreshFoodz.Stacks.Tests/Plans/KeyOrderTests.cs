using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>
/// Pulumi hands object config to the program as JSON with its keys sorted, so a plan that followed the order of keys
/// in a stack file would register other text than <c>plan</c> shows (module order in PromQL, dashboards, chaos
/// selectors). The planned result must not depend on that order.
/// </summary>
public class KeyOrderTests
{
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void PlanDoesNotDependOnTheOrderOfKeysInTheStackFile(string stack)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(ProjectFiles.Root, $"Pulumi.{stack}.yaml")))
        {
            yaml.Load(reader);
        }
        Reverse(yaml.Documents[0].RootNode);
        var reversed = new StringWriter();
        yaml.Save(reversed, assignAnchors: false);
        Assert.DoesNotContain("sales:", reversed.ToString()[..reversed.ToString().IndexOf("crm:", StringComparison.Ordinal)], StringComparison.Ordinal);

        foreach (var season in SeasonNames.All)
        {
            var original = PlanJson.Serialize(StackPlanner.Plan(Plans.Settings(stack), season));
            var fromReversed = PlanJson.Serialize(StackPlanner.Plan(StackSettingsReader.Read(StackFileLoader.Parse(stack, "reversed.yaml", reversed.ToString(), ProjectFiles.Root)), season));
            Assert.True(original == fromReversed, $"{stack} ({season.ConfigName()}): the plan changes when the stack file's keys are reordered");
        }
    }

    /// <summary>Every mapping's keys in reverse order (the file's modules sales, crm, help become help, crm, sales).</summary>
    private static void Reverse(YamlNode node)
    {
        if (node is YamlMappingNode m)
        {
            var entries = m.Children.Reverse().ToList();
            m.Children.Clear();
            foreach (var (key, value) in entries)
            {
                Reverse(value);
                m.Children.Add(key, value);
            }
        }
        else if (node is YamlSequenceNode s)
        {
            foreach (var child in s.Children)
            {
                Reverse(child);
            }
        }
    }
}
