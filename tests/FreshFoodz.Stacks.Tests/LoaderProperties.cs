using System.Text;
using System.Text.Json;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;
using FsCheck;
using FsCheck.Fluent;

namespace FreshFoodz.Stacks.Tests;

/// <summary>
/// The loader and the settings reader over random input (FsCheck): whatever the text, tree or scalar, the only
/// exception that leaves them is <see cref="StackSettingsException"/>, and a stack that validates sizes and plans
/// with no exception but the tool's own (<see cref="CapacityException"/>, <see cref="PlanPolicyException"/>).
/// </summary>
public class LoaderProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    /// <summary>A third of these stacks still validate and are planned (for a random season), which takes longer.</summary>
    private static readonly Config PlannedRuns = Config.QuickThrowOnFailure.WithMaxTest(200);

    /// <summary>Scalars that have broken parsers: YAML's special values, numbers at the edges, control and non-ASCII characters.</summary>
    private static readonly string[] Awkward =
    [
        "", "~", "null", "true", "no", ".nan", ".inf", "-.inf", "1e999", "-1e999", "1e-300", "0", "-0", "-1", "1e12",
        "79228162514264337593543950335", "2147483648", "-2147483649", "99999999999999999999", "0x1F", "1_000", "1,5",
        "\n", "a\nb", "de-prod\n", "\0", "\u2028", "١٢٣", "１２", "secure", "v1:placeholder", "https://u:p@h/", "'", "\"", "#", "&a", "*a",
        "!!str", "{", "[", "- x", ": x", "? x", "%YAML 1.2", "---", "...", new string('x', 5000),
    ];

    /// <summary>Key names the reader looks for (so random trees reach deep into it) and some it does not.</summary>
    private static readonly string[] Keys =
    [
        .. ConfigKeys.All.Select(k => k.Key),
        "api", "workers", "database", "baselineRequestsPerSecond", "meanServiceTimeSeconds", "p95ServiceTimeSeconds",
        "serviceTimeDistribution", "concurrencyPerPod", "sloP95Seconds", "sample", "eventCatering", "order", "cpuRequestMillicores",
        "memoryRequestMiB", "dbQueriesPerRequest", "dbPoolSizePerPod", "baselineJobsPerSecond", "meanJobTimeSeconds",
        "concurrencyPerWorker", "dbQueriesPerJob", "dbPoolSizePerWorker", "meanQueryTimeSeconds", "appVmSize", "maxPodsPerNode",
        "daemonSetOverhead", "cpuMillicores", "memoryMiB", "systemVmSize", "systemNodeCount", "vCpus", "memoryGiB", "tier",
        "vCores", "currency", "vmPerHour", "postgresPerMonth", "baseline", "spargel", "oktoberfest", "weihnachten", "app",
        "postgresVersion", "critical", "high", "standard", "sku", "storageSizeGB", "drTier", "deployments", "role", "share",
        "priority", "monthlyAmount", "contactEmails", "pageRoutingKey", "onCall", "channel", "webhookUrl", "tickets", "teams",
        "legal", "compliance", "security", "url", "token", "secure", "freshfood:season", "FreshFoodz:season", "x", "",
    ];

    private static Gen<string> Scalar() =>
        Gen.OneOf(
            Gen.Elements(Awkward),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            ArbMap.Default.GeneratorFor<double>().Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A JSON value (JSON is YAML) of bounded depth: scalars, lists, mappings with the reader's key names.</summary>
    private static Gen<object?> Tree(int depth) =>
        depth == 0
            ? Scalar().Select(s => (object?)s)
            : Gen.Frequency(
                (3, Scalar().Select(s => (object?)s)),
                (1, Gen.Constant((object?)null)),
                (1, Tree(depth - 1).ListOf().Select(l => (object?)l.ToList())),
                (3, Gen.Zip(Gen.Elements(Keys), Tree(depth - 1)).ListOf()
                    .Select(entries => (object?)entries.GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.First().Item2))));

    private static StackConfig Load(string yaml) => StackFileLoader.Parse("fuzz", "Pulumi.fuzz.yaml", yaml);

    /// <summary>True if reading ends in success or in the tool's own error; any other exception fails the property.</summary>
    private static bool OnlyOwnErrors(Func<StackConfig> load, Season season = Season.Weihnachten)
    {
        try
        {
            var settings = StackSettingsReader.Read(load());
            try
            {
                StackPlanner.Plan(settings, season);
            }
            catch (Exception e) when (e is CapacityException or PlanPolicyException)
            {
                // The tool's own answer: a sizing it cannot meet, a policy the plan breaks.
            }
            return true;
        }
        catch (StackSettingsException e)
        {
            return e.Errors.Count > 0 && e.Errors.All(x => !x.ToString().Contains('\n', StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ArbitraryTextEndsInTheToolsOwnError() =>
        Check.One(Runs, Prop.ForAll(
            Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
                Gen.Elements(Awkward).ListOf().Select(parts => "config:\n  " + string.Join(" ", parts))).ToArbitrary(),
            text => OnlyOwnErrors(() => Load(text))));

    [Fact]
    public void ArbitraryTreesEndInTheToolsOwnError() =>
        Check.One(Runs, Prop.ForAll(Tree(5).ToArbitrary(), tree =>
            OnlyOwnErrors(() => Load(JsonSerializer.Serialize(new Dictionary<string, object?> { ["config"] = tree })))));

    /// <summary>de-prod with one scalar replaced by an arbitrary one (as a double-quoted YAML string, so any text can be written).</summary>
    [Fact]
    public void ArbitraryScalarsInARealStackEndInTheToolsOwnError()
    {
        var text = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.de-prod.yaml"));
        var leaves = ScalarSpans(text);
        Assert.True(leaves.Count > 80, $"only {leaves.Count} scalars in de-prod");
        Check.One(PlannedRuns, Prop.ForAll(Gen.Choose(0, leaves.Count - 1).ToArbitrary(), Scalar().ToArbitrary(), Gen.Elements(SeasonNames.All.ToArray()).ToArbitrary(), (i, value, season) =>
        {
            var (start, end) = leaves[i];
            var yaml = string.Concat(text.AsSpan(0, start), Quoted(value), text.AsSpan(end));
            return OnlyOwnErrors(() => Load(yaml), season);
        }));
    }

    /// <summary>Where de-prod's scalar values are (not keys), from YamlDotNet's own positions.</summary>
    private static List<(int Start, int End)> ScalarSpans(string yaml)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
        var spans = new List<(int, int)>();
        var frames = new Stack<Frame>();
        while (parser.MoveNext())
        {
            var top = frames.Count > 0 ? frames.Peek() : null;
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.Scalar when top is { Mapping: true, ExpectKey: true }:
                    top.ExpectKey = false;
                    break;
                case YamlDotNet.Core.Events.Scalar s:
                    spans.Add(((int)s.Start.Index, (int)s.End.Index));
                    top?.ValueDone();
                    break;
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    frames.Push(new Frame(parser.Current is YamlDotNet.Core.Events.MappingStart));
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    frames.Pop();
                    if (frames.Count > 0)
                    {
                        frames.Peek().ValueDone();
                    }
                    break;
                default:
                    break;
            }
        }
        return spans;
    }

    /// <summary>An open mapping (keys and values alternate) or list (every item a value).</summary>
    private sealed class Frame(bool mapping)
    {
        public bool Mapping { get; } = mapping;

        public bool ExpectKey { get; set; } = mapping;

        public void ValueDone() => ExpectKey = Mapping;
    }

    /// <summary>Any text as a YAML double-quoted scalar.</summary>
    private static string Quoted(string value)
    {
        var b = new StringBuilder("\"");
        foreach (var ch in value)
        {
            b.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when ch < ' ' || ch is '\u007f' or '\u0085' or '\u2028' or '\u2029' => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }
        return b.Append('"').ToString();
    }
}
