using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Reports;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary><c>capacity --stack S [--season X|auto] [--date D] [--format table|json]</c>: a stack's sizing.</summary>
internal static class CapacityCommand
{
    public static Command Create(CliContext context)
    {
        var selection = new StackSelection();
        var format = StackSelection.Format("table", "table (readable) or json (stable, for scripts).");
        var command = new Command("capacity", "Size a stack for its season: pods, HPA, workers, database, nodes and cost.") { format };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            var (settings, date) = selection.Read(parse, context);
            CapacityEngine.Size(settings.Capacity, settings.EffectiveSeason(date)); // a sizing the tables cannot meet is refused before prices are read
            var report = CapacityReport.Create(settings, PriceSheetFile.Load(selection.ProjectDir(parse), settings.StackName), date);
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                WriteTable(report, context.Out);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteTable(CapacityReport report, TextWriter output)
    {
        var console = Consoles.Plain(output);
        var p = report.Plan;
        var d = p.App.Demand;
        var s = report.Settings;
        console.WriteLine(
            $"{s.StackName} ({s.Territory.Code}, {s.Region}): season {p.Season.ConfigName()} ({report.SeasonSource}), load x{F(p.LoadMultiplier)}");

        var table = new Table().Border(TableBorder.Rounded).AddColumn("tier").AddColumn("sizing").AddColumn("why");
        table.AddRow("api", $"{p.App.Pods} pods",
            $"λ = {F(d.ArrivalRatePerSecond)}/s, S = {F(d.MeanServiceTimeSeconds)} s, c = {d.ConcurrencyPerPod}: L = λ·S = {F(d.ArrivalRatePerSecond * d.MeanServiceTimeSeconds)} in service; " +
            $"Little's Law at ρ ≤ {F(d.TargetUtilization)} gives {p.App.LittlesLawPods} pods; {(d.Distribution == ServiceTimeDistribution.Lognormal ? "M/G/N (lognormal, Allen–Cunneen)" : "M/M/N")} p95 {F(p.App.PredictedP95Seconds)} s ≤ SLO {F(d.SloP95Seconds)} s; " +
            $"decided by {p.App.DecidedBy}; seasonal-plan formula would give {p.App.SeedFormulaPods}");
        table.AddRow("hpa", $"{p.Hpa.MinReplicas}–{p.Hpa.MaxReplicas} replicas",
            $"{p.Deployments.Count(x => x.Role == WorkloadRole.Api)} api deployments, each ⌈{p.App.Pods} × share⌉ ≥ zones (pre-provisioned), max ⌈min × {F(p.Hpa.BurstHeadroom)}⌉; serves {F(p.ServableRequestsPerSecond)} req/s at target");
        table.AddRow("workers", $"{p.Workers.Count} sized, {p.Deployments.Where(x => x.Role == WorkloadRole.Worker).Sum(x => x.MinReplicas)} deployed",
            $"{F(p.Workers.JobsPerSecond)} jobs/s × {F(p.Workers.MeanJobTimeSeconds)} s at ρ ≤ {F(p.Workers.TargetUtilization)}; decided by {p.Workers.DecidedBy}");
        table.AddRow("database", $"{p.Database.Sku.Name} ({p.Database.Sku.VCores} vCores)",
            $"{F(p.Database.VCoresNeeded)} vCores needed; through PgBouncer: {p.Database.Connections} client connections ({p.Database.ConnectionsAtMaxReplicas} at max replicas) of {PgBouncer.MaxClientConnections}, " +
            $"{F(p.Database.BusyServerConnections)} busy of a {p.Database.ServerConnections}-connection pool, which the SKU's {p.Database.Sku.UsableConnections} usable max_connections hold");
        table.AddRow("nodes", $"{p.Nodes.Count} × {p.Nodes.VmSize}",
            $"{p.Nodes.PackedNodes} packed + 1 surge, ≥ zones; autoscaler {report.Schedule?.OffHoursNodes ?? p.Nodes.AutoscalerMin}–{p.Nodes.AutoscalerMax} (minimum: the off-hours count)");
        if (report.Schedule is { } daily)
        {
            static string Clock(int second) => $"{second / 3600:00}:{second % 3600 / 60:00}";
            var apiFloor = daily.Deployments.Where(x => x.Role == WorkloadRole.Api).Sum(x => x.OffHoursMinReplicas);
            table.AddRow("daily", daily.HasWindow ? $"{Clock(daily.StartSecond)}–{Clock(daily.EndSecond)} {s.Territory.TimeZone}" : "floors all day",
                $"season's minimum in the window (KEDA cron, 10 min before load rises); outside it {apiFloor} api pods (zone floor: 2 per deployment in 2 zones) and {daily.OffHoursNodes} of {daily.BusinessNodes} nodes; load curve: {Markup.Escape(daily.Curve.Source)}");
        }
        var c = report.Cost;
        table.AddRow("cost", $"{c.Currency} {M(c.Monthly)}/month",
            $"the season's whole plan priced; {report.Year.Year} {(s.Season.IsAuto ? "under auto" : $"pinned to {s.Season}")}: {c.Currency} {M(report.Year.Yearly)} vs {M(report.Year.YearlyStaticPeak)} for the Weihnachten peak all year (saves {M(report.Year.Saving)}, {P(report.Year.ShareOfStaticPeak)} of the peak)");
        console.Write(table);

        var deployments = new Table().Border(TableBorder.Rounded).AddColumn("module").AddColumn("deployment").AddColumn("role").AddColumn("HPA min–max");
        foreach (var x in p.Deployments)
        {
            deployments.AddRow(x.Module, x.Name, x.Role.ToString().ToLowerInvariant(), $"{x.MinReplicas}–{x.MaxReplicas}");
        }
        console.Write(deployments);

        var breakdown = new Table().Border(TableBorder.Rounded).AddColumn("cost item").AddColumn(new TableColumn($"{c.Currency}/month").RightAligned());
        foreach (var (group, monthly) in c.ByGroup)
        {
            breakdown.AddRow(Markup.Escape(group), M(monthly));
        }
        breakdown.AddRow("[bold]total[/]", $"[bold]{M(c.Monthly)}[/]");
        console.Write(breakdown);
        console.WriteLine($"Prices: {report.Prices.Provenance}");
        if (c.Unpriced.Count > 0)
        {
            console.WriteLine($"Not priced in this season's plan ({c.Unpriced.Count} parts; not in the figures above):");
            foreach (var line in UnpricedSummary.Lines(c.Unpriced, report.Settings.StackName))
            {
                console.WriteLine($"  {line}");
            }
        }
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string P(decimal share) => share.ToString("0.0 %", CultureInfo.InvariantCulture);

    private static string M(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
