using System.Text.Json.Nodes;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.SchemaConformance.Tests;

/// <summary>
/// The replace triggers <c>diff</c> and <c>release-check</c> use come from the providers: the azure-native path
/// parameters are the pinned package's own (its get functions' required arguments, in the extract), and no pinned
/// package's schema marks an input willReplaceOnChanges (the extract's replaceOnChanges), so a provider upgrade that
/// starts to fails here until ReplaceTriggers takes it in.
/// </summary>
public sealed class ReplaceTriggerSourceTests
{
    private static JsonObject Resources(string file) =>
        JsonNode.Parse(ProviderSchema.ReadEmbeddedText(typeof(ProviderSchema).Assembly, $"ProviderSchemas/{file}"))!["resources"]!.AsObject();

    [Fact]
    public void AzurePathParametersAreThePackagesOwn()
    {
        var extract = Resources($"azure-native-{ProviderVersions.AzureNative}.json")
            .Where(r => r.Key.StartsWith("azure-native:", StringComparison.Ordinal))
            .ToDictionary(r => r.Key, r => r.Value!["pathParameters"]!.AsArray().Select(p => (string)p!).ToArray(), StringComparer.Ordinal);
        Assert.Equal(extract.Keys.Order(StringComparer.Ordinal), ReplaceTriggers.AzurePathParameters.Keys.Order(StringComparer.Ordinal));
        Assert.All(extract, e => Assert.Equal(e.Value, ReplaceTriggers.AzurePathParameters[e.Key]));
    }

    [Theory]
    [InlineData("azure-native-3.28.0.json")]
    [InlineData("kubernetes-4.34.2.json")]
    [InlineData("random-4.21.2.json")]
    public void NoPinnedSchemaMarksAnInputWillReplaceOnChanges(string file)
    {
        var marked = Resources(file).Where(r => r.Value!["kind"]!.ToString() == "resource")
            .SelectMany(r => r.Value!["replaceOnChanges"]!.AsArray().Select(p => $"{r.Key}.{p}")).ToList();
        Assert.Empty(marked);
    }

    [Fact]
    public void EveryPlannedAzureTypeHasItsPathParameters()
    {
        // A planned azure-native type without path parameters would make every rename look like an update.
        var planned = new[] { "de-prod", "ch-prod" }.SelectMany(s => Directory.GetFiles(Path.Combine(FreshFoodz.Testing.RepositoryRoot.Path, "tests", "FreshFoodz.Stacks.Tests", "Golden"), $"{s}.*.json"))
            .SelectMany(f => PlanJson.Deserialize(File.ReadAllText(f)).Resources.Select(r => r.Type))
            .Where(t => t.StartsWith("azure-native:", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        Assert.All(planned, t => Assert.True(ReplaceTriggers.AzurePathParameters.ContainsKey(t), t));
        // The name input of each is a trigger: a renamed server is a new server.
        Assert.Equal(ReplaceTriggers.AzurePathSource, ReplaceTriggers.For("azure-native:dbforpostgresql:Server", "serverName")?.Source);
        Assert.Null(ReplaceTriggers.For("azure-native:dbforpostgresql:Server", "sku.name"));
    }
}
