using System.Text.Json;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Residency;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests;

public class StackSettingsTests
{
    private static StackSettings Load(string stack) => StackSettingsReader.Read(StackFileLoader.Load(ProjectFiles.Root, stack));

    [Theory]
    [InlineData("de-prod", "de", "germanywestcentral", "EUR")]
    [InlineData("ch-prod", "ch", "switzerlandnorth", "CHF")]
    [InlineData("peak-weihnachten", "de", "germanywestcentral", "EUR")]
    public void CommittedStacksAreValid(string stack, string territory, string region, string currency)
    {
        var s = Load(stack);
        Assert.Equal(territory, s.Territory.Code);
        Assert.Equal(region, s.Region.Name);
        Assert.Equal(currency, s.Territory.Currency);
        Assert.Equal(3, s.Capacity.ZoneCount);
    }

    [Fact]
    public void RehearsalStackIsPinnedToWeihnachten()
    {
        var s = Load("peak-weihnachten");
        Assert.Equal(Season.Weihnachten, s.EffectiveSeason(new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void GermanBaselineIsAboutFiftyRequestsPerSecondAndSwitzerlandIsSmaller()
    {
        var de = Load("de-prod").Capacity.Workload.Api;
        var ch = Load("ch-prod").Capacity.Workload.Api;
        Assert.Equal(50, de.BaselineRequestsPerSecond);
        Assert.True(ch.BaselineRequestsPerSecond < de.BaselineRequestsPerSecond);
        Assert.Equal((2.0, 1.5), (de.Slo.Sample, de.Slo.EventCatering));
    }

    [Fact]
    public void DefaultsApplyWhenKeysAreAbsent()
    {
        var s = Load("de-prod");
        Assert.Equal(14, s.Capacity.LeadTimeDays);
        Assert.Equal(1.5, s.Capacity.BurstHeadroom);
        Assert.True(s.Season.IsAuto);
        Assert.Equal(SeasonCatalog.BaselineTargets, s.Capacity.Seasons[Season.Baseline].Targets);
        Assert.Equal(ServiceTimeDistribution.Exponential, s.Capacity.Workload.Api.ServiceTimeDistribution);
    }

    [Fact]
    public void LognormalServiceTimeIsReadAndSizedFromTheDeclaredTail()
    {
        var yaml = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.de-prod.yaml"))
            .Replace("      p95ServiceTimeSeconds: 0.6\n", "      p95ServiceTimeSeconds: 0.6\n      serviceTimeDistribution: lognormal\n", StringComparison.Ordinal);
        var s = StackSettingsReader.Read(StackFileLoader.Parse("de-prod", "test.yaml", yaml, ProjectFiles.Root));
        Assert.Equal(ServiceTimeDistribution.Lognormal, s.Capacity.Workload.Api.ServiceTimeDistribution);
        var app = CapacityEngine.Size(s.Capacity, Season.Weihnachten).App;
        Assert.Equal(ServiceTimeDistribution.Lognormal, app.Demand.Distribution);
        // 250/s × 0.2 s at ρ ≤ 0.5: utilization still decides (13 pods); the p95 is the lognormal one.
        Assert.Equal(13, app.Pods);
        Assert.Equal(AppTierSizer.P95(app.Demand, 13), app.PredictedP95Seconds);
    }

    [Fact]
    public void UtilizationOverrideReplacesOnlyTheGivenTier()
    {
        var yaml = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.de-prod.yaml"))
            + "  freshfoodz:utilization:\n    baseline:\n      app: 0.6\n";
        var s = StackSettingsReader.Read(StackFileLoader.Parse("de-prod", "test.yaml", yaml, ProjectFiles.Root));
        Assert.Equal(SeasonCatalog.BaselineTargets with { App = 0.6 }, s.Capacity.Seasons[Season.Baseline].Targets);
    }

    [Fact]
    public void MissingStackFileNamesTheStacksThereAre()
    {
        var e = Assert.Throws<StackSettingsException>(() => StackFileLoader.Load(ProjectFiles.Root, "fr-prod"));
        Assert.Contains("no stack file Pulumi.fr-prod.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("ch-prod, de-prod, peak-weihnachten", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYamlIsReportedWithItsLine()
    {
        const string yaml = "config:\n  freshfoodz:territory: de\n  freshfoodz:vmSizes: {Standard_D2ds_v5: {vCpus: 2\n";
        var e = Assert.Throws<StackSettingsException>(() => StackFileLoader.Parse("x", "Pulumi.x.yaml", yaml));
        var error = Assert.Single(e.Errors);
        Assert.StartsWith("malformed YAML: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("(file)", error.KeyPath);
        Assert.NotNull(error.Line);
    }

    /// <summary>
    /// The Pulumi program reads the same keys from Pulumi config, where structured values arrive as JSON text.
    /// Both paths must give the same settings, and the same messages for the same mistakes.
    /// </summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public void PulumiConfigAndStackFileGiveTheSameSettings(string stack)
    {
        var fromFile = StackFileLoader.Load(ProjectFiles.Root, stack);
        var fromPulumi = new StackConfig(stack, "pulumi config", fromFile.Values.ToDictionary(kv => kv.Key, kv => AsPulumiConfig(kv.Value)));
        var a = StackSettingsReader.Read(fromFile);
        var b = StackSettingsReader.Read(fromPulumi);
        Assert.Equal(Describe(a), Describe(b));
    }

    [Fact]
    public void PulumiConfigErrorsReadLikeStackFileErrors()
    {
        var config = StackFileLoader.Load(ProjectFiles.Root, "de-prod");
        var values = config.Values.ToDictionary(kv => kv.Key, kv => AsPulumiConfig(kv.Value));
        values["freshfoodz:territory"] = ConfigNode.FromPulumiConfigValue("fr");
        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(new StackConfig("de-prod", "pulumi config", values)));
        Assert.Equal("pulumi config: freshfoodz:territory: unknown territory 'fr'; allowed: de|ch", Assert.Single(e.Errors).ToString());
    }

    /// <summary>What the Pulumi CLI hands the program: scalars as text, structured values as JSON.</summary>
    private static ConfigNode AsPulumiConfig(ConfigNode node) => node switch
    {
        ConfigScalar s => ConfigNode.FromPulumiConfigValue(s.Value),
        _ => ConfigNode.FromPulumiConfigValue(JsonSerializer.Serialize(ToPlain(node))),
    };

    private static object? ToPlain(ConfigNode node) => node switch
    {
        ConfigScalar s => double.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : s.Value,
        ConfigMap m => m.Entries.ToDictionary(e => e.Key, e => ToPlain(e.Value)),
        ConfigList l => l.Items.Select(ToPlain).ToList(),
        // Secure leaves keep their shape; the value stays opaque as in the stack file.
        ConfigSecret => new Dictionary<string, object?> { ["secure"] = "v1:placeholder" },
        _ => null,
    };

    private static string Describe(StackSettings s) =>
        JsonSerializer.Serialize(new
        {
            s.StackName,
            Territory = s.Territory.Code,
            Region = s.Region.Name,
            Season = s.Season.ToString(),
            s.Capacity.Workload,
            s.Capacity.NodePools,
            s.Capacity.VmSizes,
            s.Capacity.PostgresSkus,
            s.Capacity.ZoneCount,
            s.Capacity.BurstHeadroom,
            s.Capacity.LeadTimeDays,
            Targets = SeasonNames.All.Select(x => s.Capacity.Seasons[x].Targets),
        });

    [Fact]
    public void TerritoriesOwnOnlyTheirOwnRegions()
    {
        Assert.All(Territory.Germany.Regions, r => Assert.False(Territory.Switzerland.Owns(r)));
        Assert.All(Territory.Switzerland.Regions, r => Assert.False(Territory.Germany.Owns(r)));
    }
}
