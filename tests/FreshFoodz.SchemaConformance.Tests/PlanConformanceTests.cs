using System.Text.Json.Nodes;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.SchemaConformance;

/// <summary>
/// Every type token, input property, required input and enum value in every stack × season plan exists in the
/// providers' published schemas at the pinned versions. No <c>pulumi preview</c> runs here, so this is what catches a
/// misspelt property.
/// </summary>
public class PlanConformanceTests
{
    /// <summary>Custom resources whose CRDs no provider schema describes; only their identity can be checked.</summary>
    private static readonly HashSet<string> CustomResources = new(StringComparer.Ordinal)
    {
        "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
        "kubernetes:monitoring.coreos.com/v1:PodMonitor",
        "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
        "kubernetes:chaos-mesh.org/v1alpha1:PodChaos",
        "kubernetes:chaos-mesh.org/v1alpha1:NetworkChaos",
        "kubernetes:chaos-mesh.org/v1alpha1:StressChaos",
        // KEDA (AKS add-on workloadAutoScalerProfile.keda).
        "kubernetes:keda.sh/v1alpha1:ScaledObject",
        // Secrets Store CSI driver (AKS add-on azureKeyvaultSecretsProvider).
        "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass",
    };

    private static readonly SchemaChecker Checker = SchemaChecker.FromEmbeddedSchemas(new SchemaCheckOptions { CustomResourceAllowList = CustomResources });

    public static TheoryData<string, string> StackSeasons()
    {
        var data = new TheoryData<string, string>();
        foreach (var stack in Repository.Stacks)
        {
            foreach (var season in SeasonNames.All)
            {
                data.Add(stack, season.ConfigName());
            }
        }
        return data;
    }

    private static StackPlan Plan(string stack, string season) =>
        StackPlanner.Plan(Repository.Settings(stack), SeasonNames.All.Single(s => s.ConfigName() == season));

    [Theory]
    [MemberData(nameof(StackSeasons))]
    public void EveryResourceConformsToItsProviderSchema(string stack, string season)
    {
        var violations = Plan(stack, season).Resources
            .SelectMany(r => Checker.CheckResource(r.Type, (JsonObject)PlanJson.Value(r.Inputs)!).Select(v => $"{r.Name}: {v}"))
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(StackSeasons))]
    public void EveryProviderAndInvokeConformsToItsSchema(string stack, string season)
    {
        var plan = Plan(stack, season);
        var violations = new List<string>();
        foreach (var provider in plan.Providers)
        {
            violations.AddRange(Checker.CheckResource($"pulumi:providers:{provider.Package}", AsRegistered(provider.Inputs)).Select(v => $"{provider.Name}: {v}"));
            foreach (var invoke in provider.Inputs.Descendants().OfType<PlanInvoke>())
            {
                violations.AddRange(Checker.CheckInvoke(invoke.Token, (JsonObject)PlanJson.Value(invoke.Args)!).Select(v => $"{provider.Name}: {v}"));
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>A provider's inputs as the registrar sends them: non-text values as JSON text, as typed SDKs do
    /// (PlanRegistrar.RegisterProvider), which is what the extract's jsonStringified inputs expect.</summary>
    private static JsonObject AsRegistered(PlanMap inputs) => new(inputs.Entries.Select(e => KeyValuePair.Create(e.Key,
        e.Value is PlanBool or PlanInt or PlanDouble or PlanList or PlanMap
            ? JsonValue.Create(PlanJson.Value(e.Value)!.ToJsonString())
            : PlanJson.Value(e.Value))));

    /// <summary>A stack with a restore drill (no committed stack sets one): its drill servers and Jobs conform too.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void ARestoreDrillConformsToItsProviderSchemas(string stack)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, $"Pulumi.{stack}.yaml"))
            .Replace("  freshfoodz:territory:", "  freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [critical, high, standard]}\n  freshfoodz:territory:", StringComparison.Ordinal);
        var plan = StackPlanner.Build(StackSettingsReader.Read(StackFileLoader.Parse(stack, "drill.yaml", text, Repository.Root)), Season.Baseline);
        var drill = plan.Resources.Where(r => r.Options.Parent == "restore-drill").ToList();
        Assert.Equal(8, drill.Count);
        var violations = drill
            .SelectMany(r => Checker.CheckResource(r.Type, (JsonObject)PlanJson.Value(r.Inputs)!).Select(v => $"{r.Name}: {v}"))
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void EveryPlannedTokenIsInTheExtract()
    {
        var tokens = File.ReadAllLines(Path.Combine(Repository.Root, "tools", "provider-schemas", "tokens.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        var planned = StackSeasons().Select(row => Plan((string)row[0], (string)row[1]))
            .SelectMany(p => p.Resources.Select(r => r.Type)).Where(t => !CustomResources.Contains(t)).ToHashSet(StringComparer.Ordinal);
        var missing = planned.Where(t => !tokens.Any(line => line.Contains(t, StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "add to tools/provider-schemas/tokens.txt and rerun extract.sh: " + string.Join(", ", missing));
    }

    /// <summary>The policy's list of taggable types matches the schemas: every planned Azure type with a tags input.</summary>
    [Fact]
    public void TaggableTypesAreExactlyThoseWithATagsInput()
    {
        var schemas = ProviderSchema.LoadAllEmbedded();
        var planned = StackSeasons().Select(row => Plan((string)row[0], (string)row[1]))
            .SelectMany(p => p.Resources.Select(r => r.Type)).Where(t => t.StartsWith("azure-native:", StringComparison.Ordinal)).ToHashSet();
        var withTags = planned.Where(t => schemas.Any(s => s.Resources.TryGetValue(t, out var r) && r.Properties.ContainsKey("tags"))).ToHashSet();
        Assert.Equal(withTags.Order(StringComparer.Ordinal), StackPolicies.Taggable.Where(planned.Contains).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PinnedVersionsMatchTheExtract()
    {
        var versions = ProviderSchema.LoadAllEmbedded().ToDictionary(s => s.ProviderName, s => s.Version);
        Assert.Equal(ProviderVersions.AzureNative, versions["azure-native"]);
        Assert.Equal(ProviderVersions.Kubernetes, versions["kubernetes"]);
        Assert.Equal(ProviderVersions.Random, versions["random"]);
    }
}

/// <summary>The repository's stack files, found from the test's output folder.</summary>
internal static class Repository
{
    public static readonly string[] Stacks = ["de-prod", "ch-prod", "peak-weihnachten"];

    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    public static StackSettings Settings(string stack) => StackSettingsReader.Read(StackFileLoader.Load(Root, stack));

}
