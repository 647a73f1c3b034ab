using System.CommandLine;
using FreshFoodz.Calibration;
using FreshFoodz.Components.Drills;
using FreshFoodz.Operations.YearView;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>report --stack S --year Y --out report.html [--prometheus URL [--basic-auth-user U]]</c>: the year view, one
/// self-contained HTML page. Offline by default; with <c>--prometheus</c> it also reads the last drills' measured RTO
/// and RPO from the territory's Prometheus, and without it says they were not read (never an estimate).
/// </summary>
internal static class ReportCommand
{
    /// <summary>Each of the four instant queries may take this long.</summary>
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context, Func<string, string?> environment)
    {
        var stack = CommonOptions.Stack();
        var year = OperationsOptions.Year();
        var output = new Option<FileInfo>("--out")
        {
            Description = "The HTML file to write (its folder is created if missing).",
            Required = true,
        };
        var prometheus = new Option<string?>("--prometheus")
        {
            Description = "Base URL of the territory's Prometheus: read the last drills' measured RTO and RPO (docs/recovery-drills.md). Without it the report is made offline and says so.",
        };
        var user = new Option<string?>("--basic-auth-user") { Description = "Basic-auth user for --prometheus; the password is read from FRESHFOODZ_PROMETHEUS_PASSWORD." };
        var dir = CommonOptions.ProjectDir();
        var command = new Command("report", "The year view: forecast load against capacity, monthly cost against the static peak, playbook milestones, recovery measured against the targets.")
        {
            stack, year, output, prometheus, user, dir,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = CommonOptions.LoadSettings(projectDir, parse.GetValue(stack)!, null);
            var y = OperationsOptions.YearOrThisYear(parse.GetValue(year), context);
            var prices = PriceSheetFile.Load(projectDir, settings.StackName);
            var evidence = DrillEvidence.NotRead;
            if (parse.GetValue(prometheus) is { } url)
            {
                var connection = new PrometheusConnection(CalibrateCommand.ParseUrl(url), QueryTimeout, PrometheusConnection.AuthorizationFrom(parse.GetValue(user), environment));
                using var client = new PrometheusClient(connection);
                evidence = await DrillReadings.ReadAsync(client, settings.Territory.Code, context.Clock.GetUtcNow(), cancellation).ConfigureAwait(false);
            }
            var view = YearViewData.Create(settings, prices, y, OperationsOptions.Rehearsal(projectDir, settings) with { Prices = prices }) with { Recovery = evidence };
            var file = OutputPaths.File(parse.GetValue(output)!, projectDir);
            OutputPaths.Write(context, file, YearViewHtml.Render(view));
            return CliApp.Ok;
        });
        return command;
    }
}
