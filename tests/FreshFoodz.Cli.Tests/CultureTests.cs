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

/// <summary>
/// The probe of issue 23 ran the built tool with invariant globalization switched off (a runtime configuration that
/// says so) under Thai, Persian and Saudi Arabic locales, and got Buddhist, Persian and Hijri years. Here the built
/// tool runs the same way, with ICU, and every output must be the bytes it gives under the project's own
/// configuration: Gregorian years, invariant numbers.
/// </summary>
[Collection(nameof(ProcessCulture))]
public sealed class CalendarCultureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("freshfoodz-calendar-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("th_TH.UTF-8", "2569")]
    [InlineData("fa_IR.UTF-8", "1405")]
    [InlineData("ar_SA.UTF-8", "1448")]
    public void EveryOutputIsGregorianWhateverTheCultureAndItsCalendar(string locale, string foreignYear)
    {
        Assert.True(Directory.EnumerateFiles("/usr/lib", "libicuuc.so*", SearchOption.AllDirectories).Any(),
            "ICU is needed to run .NET with a culture's own calendar: install the Debian package libicu72 (or the release's libicu)");
        var tool = Path.Combine(AppContext.BaseDirectory, "freshfoodz.dll");
        var own = Path.Combine(AppContext.BaseDirectory, "freshfoodz.runtimeconfig.json");
        var icu = Path.Combine(_root, "icu.runtimeconfig.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(own))!;
        config["runtimeOptions"]!["configProperties"]!["System.Globalization.Invariant"] = false;
        File.WriteAllText(icu, config.ToJsonString());

        var invariant = RunAll(tool, own, "C.UTF-8", Path.Combine(_root, "invariant"));
        var foreign = RunAll(tool, icu, locale, Path.Combine(_root, "foreign"));
        Assert.Equal(invariant.Keys.Order(StringComparer.Ordinal), foreign.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in invariant)
        {
            Assert.True(text == foreign[name], $"{name} differs under {locale}");
            Assert.Contains("2026", text, StringComparison.Ordinal);
            // A date of the culture's year (2569-12-01, or 25691201 in iCalendar), not a number that happens to hold it.
            Assert.DoesNotMatch($@"\b{foreignYear}-?[01][0-9]-?[0-3][0-9]", text);
        }
    }

    /// <summary>capacity (table and JSON), the playbooks (Markdown, iCalendar) and the year view, by name.</summary>
    private static Dictionary<string, string> RunAll(string tool, string runtimeConfig, string locale, string folder)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["capacity"] = Run("capacity", "--stack", "de-prod", "--date", "2026-12-01"),
            ["capacity json"] = Run("capacity", "--stack", "de-prod", "--date", "2026-12-01", "--format", "json"),
        };
        Run("render", "playbooks", "--stack", "de-prod", "--year", "2026", "--out", Path.Combine(folder, "playbooks"));
        Run("report", "--stack", "de-prod", "--year", "2026", "--out", Path.Combine(folder, "report.html"));
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            outputs[Path.GetRelativePath(folder, file)] = File.ReadAllText(file);
        }
        return outputs;

        string Run(params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "exec", "--runtimeconfig", runtimeConfig, tool }.Concat(args).Concat(["--project-dir", CliRunner.Root]))
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment["LANG"] = start.Environment["LC_ALL"] = locale;
            using var process = System.Diagnostics.Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{string.Join(' ', args)} did not end within 60 s");
            Assert.True(process.ExitCode == 0, $"{string.Join(' ', args)} under {locale}: {stderr.Result}");
            return stdout.Result.Replace(folder, "<out>", StringComparison.Ordinal);
        }
    }
}
