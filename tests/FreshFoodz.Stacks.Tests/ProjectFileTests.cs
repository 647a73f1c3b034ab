using FreshFoodz.Stacks.Settings;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Stacks.Tests;

/// <summary>Pulumi.yaml declares every config key the program reads, as Pulumi's project rules allow.</summary>
public class ProjectFileTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.yaml"));

    private static YamlMappingNode Root()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Config() => (YamlMappingNode)Root().Children[new YamlScalarNode("config")];

    [Fact]
    public void ProjectIsFreshfoodzInfraOnDotnet()
    {
        var root = Root();
        Assert.Equal("freshfoodz-infra", root.Children[new YamlScalarNode("name")].ToString());
        Assert.Equal("dotnet", root.Children[new YamlScalarNode("runtime")].ToString());
    }

    /// <summary>
    /// Pulumi's project validation (pulumi/pulumi pkg/workspace/project.go, Project.Validate): a key outside the
    /// project's own namespace may not define 'type' or 'default' and must give a 'value'.
    /// </summary>
    [Fact]
    public void ForeignNamespaceKeysFollowPulumisProjectRules()
    {
        foreach (var (key, node) in Config().Children)
        {
            var name = key.ToString();
            if (!name.Contains(':', StringComparison.Ordinal) || name.StartsWith("freshfoodz-infra:", StringComparison.Ordinal))
            {
                continue;
            }
            var attributes = ((YamlMappingNode)node).Children.Keys.Select(k => k.ToString()).ToList();
            Assert.DoesNotContain("type", attributes);
            Assert.DoesNotContain("default", attributes);
            Assert.Contains("value", attributes);
        }
    }

    [Fact]
    public void EveryKeyWithADefaultIsDeclaredWithItsDescriptionAndValue()
    {
        var config = Config();
        foreach (var spec in ConfigKeys.All.Where(k => !k.Required))
        {
            Assert.True(config.Children.TryGetValue(new YamlScalarNode(spec.Key), out var node), $"{spec.Key} is not declared in Pulumi.yaml");
            var entry = (YamlMappingNode)node;
            Assert.Equal(spec.Description, entry.Children[new YamlScalarNode("description")].ToString());
            var value = entry.Children[new YamlScalarNode("value")];
            Assert.Equal(spec.Default, value is YamlMappingNode m && m.Children.Count == 0 ? "{}" : value.ToString());
        }
    }

    [Fact]
    public void EveryRequiredKeyIsDescribedInTheHeader()
    {
        foreach (var spec in ConfigKeys.All.Where(k => k.Required))
        {
            Assert.Contains($"#   {spec.Key}: {spec.Description}", Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoUndeclaredKeysInPulumiYaml()
    {
        var known = ConfigKeys.All.Select(k => k.Key).ToHashSet();
        Assert.All(Config().Children.Keys, k => Assert.Contains(k.ToString(), known));
    }
}

/// <summary>docs/configuration.md describes every key the stacks read.</summary>
public class ConfigurationDocTests
{
    [Fact]
    public void EveryKeyIsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(ProjectFiles.Root, "docs", "configuration.md"));
        Assert.All(ConfigKeys.All, k => Assert.Contains($"`{k.Key}`", doc, StringComparison.Ordinal));
    }
}
