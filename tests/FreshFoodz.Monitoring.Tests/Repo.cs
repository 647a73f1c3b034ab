using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>The repository's stacks, and temp folders with rendered output.</summary>
internal static class Repo
{
    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    /// <summary>The date the CLI tests pin: auto stacks are in Weihnachten then (capacity from Oct 18).</summary>
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static StackSettings Settings(string stack, string? season = null)
    {
        var config = StackFileLoader.Load(Root, stack);
        if (season is not null)
        {
            var values = new Dictionary<string, ConfigNode>(config.Values) { [ConfigKeys.Season.Key] = new ConfigScalar(season, null) };
            config = config with { Values = values };
        }
        return StackSettingsReader.Read(config);
    }

    /// <summary>The inputs of a stack as <c>render monitoring --stack S [--season X] --date 2026-11-22</c> builds them.</summary>
    public static MonitoringInputs Inputs(string stack, string? season = null)
    {
        var settings = Settings(stack, season);
        return MonitoringInputs.For(settings.Monitored(), settings.EffectiveSeason(Today));
    }

    /// <summary>Renders into a fresh temp folder and returns it.</summary>
    public static string Render(MonitoringInputs inputs)
    {
        var dir = Directory.CreateTempSubdirectory("freshfoodz-monitoring-").FullName;
        MonitoringRender.WriteTo(dir, MonitoringRender.Render(inputs));
        return dir;
    }

    public static Season Parse(string season) => SeasonNames.All.Single(s => s.ConfigName() == season);

}
