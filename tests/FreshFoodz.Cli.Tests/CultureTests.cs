using System.Globalization;

namespace FreshFoodz.Cli.Tests;

/// <summary>The tests that change the process's culture run alone: the culture is global to every thread.</summary>
[CollectionDefinition(nameof(ProcessCulture), DisableParallelization = true)]
public sealed class ProcessCulture;

/// <summary>
/// Every machine-read output (plan and capacity JSON, rules and Alertmanager YAML, PromQL, dashboards, k6, iCalendar,
/// the year view's numbers) is the same bytes whatever the culture. The projects set InvariantGlobalization, but a
/// host may not; so the CLI runs once in the invariant culture and once in a German-like one (decimal comma, '.'
/// grouping, '.' as date and time separator, U+2212 minus) and every output must match.
/// </summary>
[Collection(nameof(ProcessCulture))]
public sealed class CultureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("freshfoodz-culture-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>de-DE's number and date conventions, built by hand (InvariantGlobalization has no culture data).</summary>
    internal static CultureInfo German()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var n = culture.NumberFormat;
        n.NumberDecimalSeparator = n.CurrencyDecimalSeparator = n.PercentDecimalSeparator = ",";
        n.NumberGroupSeparator = n.CurrencyGroupSeparator = n.PercentGroupSeparator = ".";
        n.NegativeSign = "\u2212";
        n.CurrencySymbol = "€";
        var d = culture.DateTimeFormat;
        d.DateSeparator = ".";
        d.TimeSeparator = ".";
        d.ShortDatePattern = "dd.MM.yyyy";
        d.LongTimePattern = "HH.mm.ss";
        return culture;
    }

    [Fact]
    public void EveryMachineReadOutputIsTheSameInAGermanCulture()
    {
        var invariant = RunAll(CultureInfo.InvariantCulture, Path.Combine(_root, "invariant"));
        var german = RunAll(German(), Path.Combine(_root, "german"));
        Assert.Equal(invariant.Keys.Order(StringComparer.Ordinal), german.Keys.Order(StringComparer.Ordinal));
        Assert.True(invariant.Count >= 20, $"only {invariant.Count} outputs compared");
        foreach (var (name, text) in invariant)
        {
            Assert.True(text == german[name], $"{name} differs in a German culture:\n{FirstDifference(text, german[name])}");
        }
        // Money, which the issue found written as "EUR 1464,00": the capacity JSON's monthly cost is a JSON number.
        Assert.Matches("\"monthly\": [0-9]+\\.[0-9]{2},", invariant["capacity de-prod weihnachten"]);
    }

    /// <summary>Each command's stdout and every file it writes, by name, with paths made relative.</summary>
    private static Dictionary<string, string> RunAll(CultureInfo culture, string folder)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, CultureInfo.DefaultThreadCurrentCulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.DefaultThreadCurrentCulture = culture;
        try
        {
            foreach (var stack in new[] { "de-prod", "ch-prod" })
            {
                outputs[$"plan {stack} weihnachten"] = Run("plan", "--stack", stack, "--season", "weihnachten", "--format", "json");
                outputs[$"capacity {stack} weihnachten"] = Run("capacity", "--stack", stack, "--season", "weihnachten", "--format", "json");
                Run("render", "monitoring", "--stack", stack, "--season", "oktoberfest", "--out", Path.Combine(folder, "monitoring", stack));
                Run("render", "k6", "--stack", stack, "--out", Path.Combine(folder, "k6"));
                Run("render", "playbooks", "--stack", stack, "--year", "2026", "--out", Path.Combine(folder, "playbooks"));
                Run("report", "--stack", stack, "--year", "2026", "--out", Path.Combine(folder, "report", $"{stack}.html"));
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, CultureInfo.DefaultThreadCurrentCulture) = before;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            outputs[Path.GetRelativePath(folder, file)] = File.ReadAllText(file);
        }
        return outputs;

        string Run(params string[] args)
        {
            var (exit, output, error) = CliRunner.Run(args);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: {error}");
            return output.Replace(folder, "<out>", StringComparison.Ordinal);
        }
    }

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < Math.Min(a.Length, b.Length) && a[i] == b[i])
        {
            i++;
        }
        var from = Math.Max(0, i - 60);
        return $"at {i} of {a.Length}/{b.Length}: invariant …{a[from..Math.Min(a.Length, i + 60)].ReplaceLineEndings(" ")}… german …{b[from..Math.Min(b.Length, i + 60)].ReplaceLineEndings(" ")}…";
    }
}
