using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using FreshFoodz.Calibration;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Settings;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>calibrate --stack S --prometheus URL [--window 28d] [--at T] [--timeout 10] [--basic-auth-user U] [--write]</c>:
/// measure the baseline, compare it with the stack file and, with --write, update just those values.
/// Credentials come from FRESHFOODZ_PROMETHEUS_PASSWORD (basic auth) or FRESHFOODZ_PROMETHEUS_TOKEN (bearer).
/// </summary>
internal static partial class CalibrateCommand
{
    public static Command Create(CliContext context, Func<string, string?> environment)
    {
        var stack = CommonOptions.Stack();
        var dir = CommonOptions.ProjectDir();
        var prometheus = new Option<string>("--prometheus") { Description = "Base URL of the territory's Prometheus, e.g. http://127.0.0.1:9090/", Required = true };
        var window = new Option<string>("--window") { Description = "How far back to measure (Prometheus duration: 28d, 4w, 72h).", DefaultValueFactory = _ => "28d" };
        var at = new Option<string?>("--at") { Description = "End of the window (ISO 8601, UTC); default now." };
        var timeout = new Option<int>("--timeout") { Description = $"Seconds each query may take (1 to {MaxTimeoutSeconds}).", DefaultValueFactory = _ => 10 };
        var user = new Option<string?>("--basic-auth-user") { Description = "Basic-auth user; the password is read from FRESHFOODZ_PROMETHEUS_PASSWORD." };
        var write = new Option<bool>("--write") { Description = "Update the measured values in Pulumi.<stack>.yaml (atomically, nothing else changes)." };
        var command = new Command("calibrate", "Measure the baseline from live Prometheus metrics and propose the stack-file change.")
        {
            stack, prometheus, window, at, timeout, user, write, dir,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var stackName = CommonOptions.StackName(parse.GetValue(stack)!);
            var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, stackName));
            var connection = new PrometheusConnection(
                ParseUrl(parse.GetValue(prometheus)!),
                TimeSpan.FromSeconds(parse.GetValue(timeout) is >= 1 and <= MaxTimeoutSeconds and var t
                    ? t
                    : throw new UsageException($"--timeout: expected whole seconds from 1 to {MaxTimeoutSeconds}, got {parse.GetValue(timeout).ToString(CultureInfo.InvariantCulture)}")),
                PrometheusConnection.AuthorizationFrom(parse.GetValue(user), environment));
            var end = ParseTime(parse.GetValue(at), context);
            using var client = new PrometheusClient(connection);
            var measured = await Baseline.MeasureAsync(client, settings, end, ParseWindow(parse.GetValue(window)!)).ConfigureAwait(false);
            var report = new CalibrationReport(settings, measured);
            Write(report, context.Out);
            var file = Path.Combine(projectDir, StackFileLoader.FileName(stackName));
            if (parse.GetValue(write))
            {
                StackFileEditor.Write(file, stackName, report.Edits);
                context.Out.WriteLine($"Updated {report.Edits.Count} values in {file}; review with git diff.");
            }
            else
            {
                context.Out.WriteLine($"Nothing written. To apply: the same command with --write (updates {StackFileLoader.FileName(stackName)} only).");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void Write(CalibrationReport report, TextWriter output)
    {
        var console = Consoles.Plain(output);
        var m = report.Measured;
        console.WriteLine($"{report.Settings.StackName} ({report.Settings.Territory.Code}): {m.From:yyyy-MM-dd} to {m.To:yyyy-MM-dd}, " +
            $"{m.BaselineDays} baseline days, {m.ExcludedPeakDays} peak-season days left out");
        var values = new Table().Border(TableBorder.Rounded).AddColumn("freshfoodz:workload.api").AddColumn("configured").AddColumn("measured");
        values.AddRow("baselineRequestsPerSecond", F(report.Configured.BaselineRequestsPerSecond), F(report.Calibrated.BaselineRequestsPerSecond));
        values.AddRow("meanServiceTimeSeconds", F(report.Configured.MeanServiceTimeSeconds), F(report.Calibrated.MeanServiceTimeSeconds));
        values.AddRow("p95ServiceTimeSeconds", F(report.Configured.P95ServiceTimeSeconds), F(report.Calibrated.P95ServiceTimeSeconds));
        foreach (var (routeClass, rate) in m.BaselineByRouteClass.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            values.AddRow($"  route_class {Markup.Escape(routeClass)} (requests/s)", "", F(rate));
        }
        values.AddRow("worker jobs", "kept", "not measured (no job metric in the contract)");
        console.Write(values);

        var capacity = new Table().Border(TableBorder.Rounded).AddColumn("season").AddColumn("configured: pods / nodes / database").AddColumn("measured: pods / nodes / database");
        foreach (var season in SeasonNames.All)
        {
            capacity.AddRow(season.ConfigName(), Sized(() => CapacityEngine.Size(report.Settings.Capacity, season)), Sized(() => report.CalibratedCapacity(season)));
        }
        console.Write(capacity);
    }

    private static string Sized(Func<CapacityPlan> size)
    {
        try
        {
            var p = size();
            return $"{p.Hpa.MinReplicas} / {p.Nodes.Count} / {p.Database.Sku.Name}";
        }
        catch (CapacityException e)
        {
            return Markup.Escape($"cannot size: {e.Message}");
        }
    }

    /// <summary>A query that runs longer than ten minutes is a server problem, not something to wait for.</summary>
    private const int MaxTimeoutSeconds = 600;

    /// <summary>An http(s) base URL without credentials: those come from the environment, never the command line
    /// (where shell history and process lists keep them). The URL is not repeated, as it may hold a password.</summary>
    internal static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException(text.Contains('@', StringComparison.Ordinal)
                ? "--prometheus: expected an http(s) URL like http://127.0.0.1:9090/"
                : $"--prometheus: expected an http(s) URL like http://127.0.0.1:9090/, got {CommonOptions.Shown(text)}");
        }
        if (url.UserInfo.Length > 0)
        {
            throw new UsageException(
                $"--prometheus: credentials in the URL are refused; give --basic-auth-user and set {PrometheusConnection.PasswordVariable} (or {PrometheusConnection.TokenVariable})");
        }
        if (UrlCredentials.QueryParameter(url) is { } name)
        {
            throw new UsageException(
                $"--prometheus: the query parameter '{name}' looks like a credential and is refused; set {PrometheusConnection.TokenVariable} instead");
        }
        return url;
    }

    private static DateTimeOffset ParseTime(string? text, CliContext context)
    {
        if (text is null)
        {
            return context.Clock.GetUtcNow();
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            throw new UsageException($"--at: expected an ISO 8601 time like 2026-02-02T00:00:00Z, got {CommonOptions.Shown(text)}");
        }
        var day = DateOnly.FromDateTime(t.UtcDateTime);
        return day >= CommonOptions.FirstDate && day <= CommonOptions.LastDate
            ? t.ToUniversalTime()
            : throw new UsageException($"--at: expected a time from {CommonOptions.FirstDate:yyyy-MM-dd} to {CommonOptions.LastDate:yyyy-MM-dd}, got {CommonOptions.Shown(text)}");
    }

    /// <summary>A Prometheus-style duration: a whole number and one of s, m, h, d, w.</summary>
    internal static TimeSpan ParseWindow(string text)
    {
        var m = DurationPattern().Match(text);
        if (!m.Success || int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) == 0)
        {
            throw new UsageException($"--window: expected a duration like 28d, 4w or 72h, got {CommonOptions.Shown(text)}");
        }
        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var span = m.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
        // Ten years bounds the window (99999w would run the day loops for two millennia and leave the date range).
        return span <= MaxWindow ? span : throw new UsageException($"--window: at most {MaxWindow.TotalDays:0} days (10 years), got {text}");
    }

    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(3650);

    [GeneratedRegex(@"\A([0-9]{1,5})([smhdw])\z")]
    private static partial Regex DurationPattern();

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
