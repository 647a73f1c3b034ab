using System.CommandLine;
using System.Globalization;
using FreshFoodz.Calibration;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Settings;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>calibrate --stack S --prometheus URL [--baseline-days 28] [--at T] [--timeout 10] [--deadline 900] [--basic-auth-user U] [--write]</c>:
/// measure the baseline, compare it with the stack file and, with --write, update just those values. While it measures,
/// a progress bar runs on stderr when that is a terminal (never in the output that scripts read).
/// Credentials come from FRESHFOODZ_PROMETHEUS_PASSWORD (basic auth) or FRESHFOODZ_PROMETHEUS_TOKEN (bearer).
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(CliContext context, Func<string, string?> environment)
    {
        var stack = CommonOptions.Stack();
        var dir = CommonOptions.ProjectDir();
        var prometheus = new Option<string>("--prometheus") { Description = "Base URL of the territory's Prometheus, e.g. http://127.0.0.1:9090/", Required = true };
        var days = new Option<int>("--baseline-days")
        {
            Description = $"How many baseline days to measure: the last ones before --at outside every peak's capacity window, up to {Baseline.MaxReachBackDays} days back.",
            DefaultValueFactory = _ => Baseline.DefaultBaselineDays,
        };
        var at = new Option<string?>("--at") { Description = "Measure the complete UTC days before this time (ISO 8601, UTC); default now." };
        var timeout = new Option<int>("--timeout") { Description = $"Seconds each query may take (1 to {MaxTimeoutSeconds}).", DefaultValueFactory = _ => 10 };
        var deadline = new Option<int>("--deadline")
        {
            Description = $"Seconds the whole measurement may take, every query included (1 to {MaxDeadlineSeconds}).",
            DefaultValueFactory = _ => (int)new PrometheusConnection(new Uri("http://127.0.0.1/"), TimeSpan.Zero).Deadline.TotalSeconds,
        };
        var user = new Option<string?>("--basic-auth-user") { Description = "Basic-auth user; the password is read from FRESHFOODZ_PROMETHEUS_PASSWORD." };
        var write = new Option<bool>("--write") { Description = "Update the measured values in Pulumi.<stack>.yaml (atomically, nothing else changes)." };
        var command = new Command("calibrate", "Measure the baseline from live Prometheus metrics and propose the stack-file change.")
        {
            stack, prometheus, days, at, timeout, deadline, user, write, dir,
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
                PrometheusConnection.AuthorizationFrom(parse.GetValue(user), environment))
            {
                Deadline = TimeSpan.FromSeconds(parse.GetValue(deadline) is >= 1 and <= MaxDeadlineSeconds and var w
                    ? w
                    : throw new UsageException($"--deadline: expected whole seconds from 1 to {MaxDeadlineSeconds}, got {parse.GetValue(deadline).ToString(CultureInfo.InvariantCulture)}")),
            };
            var end = ParseTime(parse.GetValue(at), context);
            var baselineDays = parse.GetValue(days) is > 0 and <= Baseline.MaxReachBackDays and var n
                ? n
                : throw new UsageException($"--baseline-days: expected a whole number from 1 to {Baseline.MaxReachBackDays}, got {parse.GetValue(days).ToString(CultureInfo.InvariantCulture)}");
            var measured = await WithProgress(context, async progress =>
            {
                using var client = new PrometheusClient(connection, progress: progress);
                return await Baseline.MeasureAsync(client, settings, end, baselineDays, cancellation).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var report = new CalibrationReport(settings, measured);
            Write(report, context.Out);
            var file = Path.Combine(projectDir, StackFileLoader.FileName(stackName));
            if (parse.GetValue(write))
            {
                StackFileEditor.Write(file, stackName, report.Edits);
                context.Out.WriteLine($"Updated {report.Edits.Count} values in {OutputPaths.Shown(file)}; review with git diff.");
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
        console.WriteLine($"{report.Settings.StackName} ({report.Settings.Territory.Code}): {ToolDates.Show(m.From)} to {ToolDates.Show(m.Through)}, " +
            $"{m.BaselineDays} baseline days, {m.ExcludedPeakDays} peak-season days left out" +
            (m.DaysWithoutData > 0 ? $", {m.DaysWithoutData} days without data left out" : ""));
        var values = new Table().Border(TableBorder.Rounded).AddColumn("freshfoodz:workload").AddColumn("configured").AddColumn("measured");
        values.AddRow("api.baselineRequestsPerSecond", F(report.Configured.BaselineRequestsPerSecond), F(report.Calibrated.BaselineRequestsPerSecond));
        values.AddRow("api.meanServiceTimeSeconds", F(report.Configured.MeanServiceTimeSeconds), F(report.Calibrated.MeanServiceTimeSeconds));
        values.AddRow("api.p95ServiceTimeSeconds", F(report.Configured.P95ServiceTimeSeconds), F(report.Calibrated.P95ServiceTimeSeconds));
        foreach (var (routeClass, rate) in m.BaselineByRouteClass.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            values.AddRow($"  route_class {Markup.Escape(routeClass)} (requests/s)", "", F(rate));
        }
        if (m.Workers is { } w)
        {
            values.AddRow("workers.baselineJobsPerSecond", F(report.ConfiguredWorkers.BaselineJobsPerSecond), F(report.CalibratedWorkers.BaselineJobsPerSecond));
            values.AddRow("workers.meanJobTimeSeconds", F(report.ConfiguredWorkers.MeanJobTimeSeconds), F(report.CalibratedWorkers.MeanJobTimeSeconds));
            foreach (var (deployment, rate) in w.BaselineByDeployment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                values.AddRow($"  deployment {Markup.Escape(deployment)} (jobs/s)", "", F(rate));
            }
        }
        else
        {
            values.AddRow("workers", "kept", $"not measured: no {FreshFoodz.Monitoring.MetricsContract.Metrics.Jobs} for territory {report.Settings.Territory.Code}");
        }
        console.Write(values);

        var capacity = new Table().Border(TableBorder.Rounded).AddColumn("season").AddColumn("configured: pods / nodes / database").AddColumn("measured: pods / nodes / database");
        foreach (var season in SeasonNames.All)
        {
            capacity.AddRow(season.ConfigName(), Sized(() => CapacityEngine.Size(report.Settings.Capacity, season)), Sized(() => report.CalibratedCapacity(season)));
        }
        console.Write(capacity);

        // The measured daily load curve, hour 0–23 local time, against the one the stack plans with now.
        console.WriteLine($"{ConfigKeys.DailyLoad.Key} (mean request rate per hour of day, {report.Settings.Territory.TimeZone}, relative to the busiest hour):");
        console.WriteLine($"  configured: {report.Settings.Capacity.DailyLoad.Source}");
        console.WriteLine($"  measured:   {report.DailyLoadText}");
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

    /// <summary>An hour: a year's measurement takes under a minute against a healthy Prometheus.</summary>
    private const int MaxDeadlineSeconds = 3600;

    /// <summary>Runs the measurement with a progress bar on stderr when stderr is a terminal; otherwise silently.</summary>
    private static async Task<T> WithProgress<T>(CliContext context, Func<IProgress<QueryProgress>?, Task<T>> measure)
    {
        if (!context.ErrorIsConsole || Console.IsErrorRedirected)
        {
            return await measure(null).ConfigureAwait(false);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var bar = progress.AddTask("Prometheus queries", maxValue: 1);
            return await measure(new BarProgress(bar)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Answered of queued requests; the total grows as the measurement plans its next queries.</summary>
    private sealed class BarProgress(ProgressTask bar) : IProgress<QueryProgress>
    {
        public void Report(QueryProgress value)
        {
            bar.MaxValue = Math.Max(1, value.Queued);
            bar.Value = value.Answered;
        }
    }

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
            : throw new UsageException($"--at: expected a time from {ToolDates.Show(CommonOptions.FirstDate)} to {ToolDates.Show(CommonOptions.LastDate)}, got {CommonOptions.Shown(text)}");
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
